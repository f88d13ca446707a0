import { connect } from 'node:net';

/**
 * GET `url` over a raw socket and close it as soon as the first bytes of the response arrive, as
 * curl does after a body and a reader does by closing the tab mid-download.
 */
export function readFirstChunkAndClose(url: string): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`),
    );
    socket.once('data', () => socket.destroy());
    socket.once('close', () => resolve());
    socket.once('error', reject);
  });
}
