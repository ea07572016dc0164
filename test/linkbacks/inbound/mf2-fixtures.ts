// fixtures/mf2 pages with their placeholders filled: {{TARGET}} (our post), {{COMMENT}} (one of its
// comments' permalinks), {{LONG}} (filler text to cross the content limit), {{PHOTO}} (an author photo's URL).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../../src/paths.js';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function mf2Fixture(name: string, fill: { target: string; comment?: string; photo?: string }): string {
  return readFileSync(resolve(projectRoot, 'fixtures', 'mf2', name), 'utf8')
    .replaceAll('{{TARGET}}', attr(fill.target))
    .replaceAll('{{COMMENT}}', attr(fill.comment ?? fill.target))
    .replaceAll('{{PHOTO}}', attr(fill.photo ?? '/photo.jpg'))
    .replaceAll('{{LONG}}', 'words '.repeat(120).trim());
}
