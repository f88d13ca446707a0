/**
 * Brings a new question to the top of the chat log and keeps it there while its answer grows below,
 * until the reader scrolls the log themselves.
 */
export class PinnedScroll {
  private turnId: string | undefined;
  /** scrollTop as last set here: any other value the log reports is the reader's own scrolling. */
  private expected = -1;

  pin(turnId: string): void {
    this.turnId = turnId;
  }

  unpin(): void {
    this.turnId = undefined;
  }

  /** After each render: the pinned question's top at the top of the log (as far as the log can scroll). */
  apply(root: ParentNode): void {
    const log = root.querySelector<HTMLElement>('.chat-log');
    const turn = this.turnId ? log?.querySelector<HTMLElement>(`[data-turn="${this.turnId}"]`) : null;
    if (!log || !turn) return;
    const pad = parseFloat(getComputedStyle(log).paddingTop) || 0;
    log.scrollTop += turn.getBoundingClientRect().top - log.getBoundingClientRect().top - pad;
    this.expected = log.scrollTop;
  }

  /** The log's scroll and wheel/touch/key events: a move not made here lets the reader keep their place. */
  readonly onUserScroll = (e: Event): void => {
    const log = e.currentTarget as HTMLElement;
    // Still at the end the log could reach (the answer shrank or has not yet grown): not the reader.
    const clamped = log.scrollTop >= log.scrollHeight - log.clientHeight - 1 && log.scrollTop < this.expected;
    if (e.type !== 'scroll' || (Math.abs(log.scrollTop - this.expected) > 1 && !clamped)) this.unpin();
  };
}
