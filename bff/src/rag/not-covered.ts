import type { SearchHit } from './types.js';

/** What every generator says when the textbook has nothing on the question: no invented content. */
export const NOT_COVERED_MESSAGE = 'The book does not cover this.';

/** How many of the nearest sections the reader is pointed to. */
const NEAREST_SECTIONS = 3;

/**
 * The plain refusal, followed by links to the sections that came closest, so the reader can
 * check for themselves. One link per page section.
 */
export function notCoveredAnswer(nearest: SearchHit[]): string {
  const seen = new Set<string>();
  const links: string[] = [];
  for (const hit of nearest) {
    const { url, title, heading_path } = hit.payload;
    if (seen.has(url) || links.length >= NEAREST_SECTIONS) continue;
    seen.add(url);
    const label = heading_path.length ? heading_path.join(' › ') : title;
    links.push(`- [${label.replace(/[[\]]/g, '')}](${url})`);
  }
  if (links.length === 0) return NOT_COVERED_MESSAGE;
  return `${NOT_COVERED_MESSAGE} The nearest sections are:\n\n${links.join('\n')}`;
}
