// The quick pass of the admin's mapping step (issue 17: "map each to an existing user or create one ... as the
// WordPress importer asks"): streams the export only as far as its authors, which WXR writes before any term
// or item, and stops there, so a 200 MB file is read for its first few kilobytes. A file that is not a WXR
// export at all is refused here, before anything is queued.
import type { Readable } from 'node:stream';
import { readWxr } from './wxr-reader.js';

export interface AuthorSummary {
  login: string;
  displayName: string;
  email: string;
}

/** More than this is no blog's author list; the rest are matched automatically. */
export const MAX_LISTED_AUTHORS = 500;

export async function readAuthors(input: Readable): Promise<AuthorSummary[]> {
  const out: AuthorSummary[] = [];
  const seen = new Set<string>();
  try {
    for await (const record of readWxr(input)) {
      if (record.kind === 'term' || record.kind === 'item') break;
      if (record.kind !== 'author' || !record.author.login || seen.has(record.author.login)) continue;
      seen.add(record.author.login);
      const a = record.author;
      out.push({ login: a.login, displayName: (a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login).slice(0, 250), email: a.email.slice(0, 254) });
      if (out.length >= MAX_LISTED_AUTHORS) break;
    }
  } finally {
    input.destroy();
  }
  return out;
}
