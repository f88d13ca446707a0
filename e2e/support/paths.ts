import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const e2eDir = join(here, '..');
export const repoDir = join(here, '..', '..');
export const widgetDist = join(repoDir, 'widget', 'dist');
export const pagesDir = join(e2eDir, 'pages');
export const demoDir = join(repoDir, 'examples', 'demo');
export const screenshotsDir = join(e2eDir, 'screenshots');
