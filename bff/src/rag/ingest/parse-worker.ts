/**
 * The parse pool's worker (piscina loads it in each thread; bff/scripts/build.ts emits it as
 * dist/parse-worker.js). Parsing is pure CPU and pages are independent, so each page is one task.
 */
import { chunkSource, type PageJob, type PageOutcome } from './page-chunks.js';

export default function parsePage(job: PageJob): PageOutcome {
  return chunkSource(job);
}
