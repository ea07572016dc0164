// Loads a raw HTTP response fixture from fixtures/discovery/: header names kept as written (discovery must be
// case-insensitive), repeated headers collected into a list, the body as text.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../../src/paths.js';

export const fixtureDir = resolve(projectRoot, 'fixtures', 'discovery');

export interface ResponseFixture {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export function loadFixture(name: string): ResponseFixture {
  const raw = readFileSync(resolve(fixtureDir, name), 'utf8');
  const split = raw.indexOf('\n\n');
  const [statusLine, ...headerLines] = raw.slice(0, split).split('\n');
  const headers: Record<string, string | string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const prev = headers[name];
    headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: raw.slice(split + 2) };
}

export function fixtureNames(prefix: string): string[] {
  return readdirSync(fixtureDir).filter((f) => f.startsWith(prefix) && f.endsWith('.http'));
}
