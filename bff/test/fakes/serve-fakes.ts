/**
 * Starts the fake Cohere and Qdrant servers for e2e runs and benchmarks:
 *
 *   tsx test/fakes/serve-fakes.ts --cohere-port 8801 --qdrant-port 8802 [--host 127.0.0.1] [--cohere-key KEY]
 *
 * Prints one `NAME=value` line per setting to point the BFF at them, then runs until SIGINT/SIGTERM.
 * Port 0 (the default) picks a free port. Failure switches are flipped over HTTP on either fake:
 *   curl -X POST $QDRANT_URL/__fake/behaviour -d '{"hang":true}'   (and POST /__fake/reset)
 */
import { parseArgs } from 'node:util';
import { FAKE_COHERE_KEY, startFakeCohere } from './fake-cohere.js';
import { startFakeQdrant } from './fake-qdrant.js';

const { values } = parseArgs({
  options: {
    'cohere-port': { type: 'string', default: '0' },
    'qdrant-port': { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'cohere-key': { type: 'string', default: FAKE_COHERE_KEY },
    'qdrant-key': { type: 'string' },
  },
});

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--${name} must be a port number (0–65535), got "${value}"`);
    process.exit(2);
  }
  return n;
}

const cohere = await startFakeCohere({
  port: port('cohere-port', values['cohere-port']),
  host: values.host,
  apiKey: values['cohere-key'],
});
const qdrant = await startFakeQdrant({
  port: port('qdrant-port', values['qdrant-port']),
  host: values.host,
  apiKey: values['qdrant-key'],
});

const hostUrl = (url: string) =>
  url.replace('127.0.0.1', values.host === '0.0.0.0' ? '127.0.0.1' : values.host);
console.log(`COHERE_BASE_URL=${hostUrl(cohere.url)}`);
console.log(`COHERE_API_KEY=${values['cohere-key']}`);
console.log(`QDRANT_URL=${hostUrl(qdrant.url)}`);
if (values['qdrant-key']) console.log(`QDRANT_API_KEY=${values['qdrant-key']}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([cohere.close(), qdrant.close()]).then(() => process.exit(0));
  });
}
