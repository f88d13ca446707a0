import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Sign-out reaches every tab: when the reader signs out here, what was personal (the
 * conversation, the personalization notes) is wiped here and in every other tab of this BFF.
 * BroadcastChannel carries the news; where it is missing, a localStorage write (the `storage`
 * event other tabs receive) does.
 */
export class SignOutSyncController implements ReactiveController {
  private channel: BroadcastChannel | undefined;
  private key = '';
  /** True while handling another tab's news, so it is not sent back. */
  private remote = false;

  private readonly onSignedOut = (e: Event): void => {
    const { reason } = (e as CustomEvent<{ reason: 'user' | 'expired' }>).detail;
    if (e.target !== this.host || reason !== 'user') return;
    this.wipe();
    if (!this.remote) this.announce();
  };

  private readonly onStorage = (e: StorageEvent): void => {
    if (e.key === this.key && e.newValue) this.receive();
  };

  constructor(
    private readonly host: Host,
    /** Forgets the personal data of this tab (the conversation). */
    private readonly wipe: () => void,
    /** Ends the session in this tab as another tab did (fires `ta-signed-out`). */
    private readonly endHere: () => void,
  ) {
    host.addController(this);
  }

  /** Joins the channel of one BFF (tabs talking to another BFF are not affected). */
  listen(apiBase: string): void {
    this.key = `textbook-assistant:signed-out:${apiBase}`;
    this.open();
  }

  hostConnected(): void {
    this.host.addEventListener('ta-signed-out', this.onSignedOut);
    if (this.key) this.open(); // back on the page after a client-side navigation
  }

  hostDisconnected(): void {
    this.host.removeEventListener('ta-signed-out', this.onSignedOut);
    this.close();
  }

  private open(): void {
    this.close();
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(this.key);
      this.channel.onmessage = () => this.receive();
    } else {
      window.addEventListener('storage', this.onStorage);
    }
  }

  private receive(): void {
    this.remote = true;
    try {
      this.endHere();
      this.wipe(); // also when this tab did not know it was signed in
    } finally {
      this.remote = false;
    }
  }

  private announce(): void {
    if (this.channel) return this.channel.postMessage({ type: 'signed-out', at: Date.now() });
    try {
      localStorage.setItem(this.key, String(Date.now()));
    } catch {
      // Storage disabled: other tabs learn of it on their next request.
    }
  }

  private close(): void {
    this.channel?.close();
    this.channel = undefined;
    window.removeEventListener('storage', this.onStorage);
  }
}
