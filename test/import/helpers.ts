// Running the importer in tests: on a file of the fixtures or on a WXR string, as a given admin.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { TestApp } from '../support/app.js';
import type { User } from '../../src/db/schema.js';
import { importWxr, type ImportInput } from '../../src/import/importer.js';
import { selectStorage } from '../../src/media/select-storage.js';

export const FIXTURE_DIR = new URL('../../fixtures/wordpress/', import.meta.url).pathname;
export const FIXTURE_FILE = `${FIXTURE_DIR}wxr-6.1-harbour.xml`;
export const FIXTURE_UPLOADS = `${FIXTURE_DIR}uploads`;

export function importFile(t: TestApp, actor: User, file: string, uploadsDir: string | null = null) {
  return importWxr(t.ctx, selectStorage(t.ctx), { open: () => createReadStream(file, { highWaterMark: 8192 }), fileName: file, uploadsDir, actor });
}

export function importText(t: TestApp, actor: User, xml: string) {
  return importWxr(t.ctx, selectStorage(t.ctx), { open: () => Readable.from([Buffer.from(xml)]), fileName: 'test.xml', uploadsDir: null, actor });
}

/** A WXR string imported with the options of the admin's form or the command line (fetching, author choices). */
export function importTextWith(t: TestApp, actor: User, xml: string, opts: Pick<ImportInput, 'fetchAttachments' | 'authorChoices' | 'runId'>) {
  return importWxr(t.ctx, selectStorage(t.ctx), { open: () => Readable.from([Buffer.from(xml)]), fileName: 'test.xml', uploadsDir: null, actor, ...opts });
}

/** Rows per table, to show a second import (or a refused file) wrote nothing. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['posts', 'comments', 'terms', 'users', 'media', 'old_paths', 'term_relationships', 'jobs', 'deliveries'] as const) {
    const row = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
