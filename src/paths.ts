// Where the project lives on disk, whether running from src/ (tsx, vitest) or dist/src/ (npm start).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(resolve(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
export const viewsDir = resolve(projectRoot, 'views');
/** CSS, scripts and images served at /static/ (kept beside the templates that use them). */
export const publicDir = resolve(projectRoot, 'views', 'static');
