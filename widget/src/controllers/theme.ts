import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Follows the host's colour scheme: Docusaurus's `html[data-theme]` when present,
 * else `prefers-color-scheme`. Mirrors it as `data-ta-theme` on the host for the styles.
 */
export class ThemeController implements ReactiveController {
  dark = false;
  private observer: MutationObserver | undefined;
  private media: MediaQueryList | undefined;
  private readonly update = (): void => {
    const theme = document.documentElement.getAttribute('data-theme');
    const dark = theme === 'dark' || (theme !== 'light' && !!this.media?.matches);
    this.dark = dark;
    this.host.setAttribute('data-ta-theme', dark ? 'dark' : 'light');
  };

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media = window.matchMedia('(prefers-color-scheme: dark)');
    this.media.addEventListener('change', this.update);
    this.observer = new MutationObserver(this.update);
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.update();
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.update);
    this.observer?.disconnect();
  }
}
