// Issue 14 point 4: both storages round-trip bytes through streams; the database one in 256 KB rows.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { CHUNK_BYTES, databaseStorage } from '../../src/media/database-storage.js';
import { localStorage } from '../../src/media/local-storage.js';
import { selectStorage } from '../../src/media/select-storage.js';

/** The bytes in uneven pieces, as a network stream delivers them. */
const pieces = (bytes: Buffer) => Readable.from((function* () {
  for (let at = 0, n = 1; at < bytes.length; at += n, n = (n * 7919) % 100_000 + 1) yield bytes.subarray(at, at + n);
})());

describe('media storage', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-storage-'));
    t = await createTestApp({ dataDir: dir });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('database: writes 256 KB rows in order and streams the same bytes back', async () => {
    const storage = databaseStorage(t.ctx.db, t.ctx.dialect);
    const bytes = randomBytes(CHUNK_BYTES * 2 + 12345);
    expect(await storage.put('2026/11/abc123.pdf', pieces(bytes))).toBe(bytes.length);
    const rows = await t.ctx.db.selectFrom('media_chunks').select(['seq', 'bytes']).where('path', '=', '2026/11/abc123.pdf').orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, Buffer.from(r.bytes).length])).toEqual([[0, CHUNK_BYTES], [1, CHUNK_BYTES], [2, 12345]]);
    expect((await buffer((await storage.get('2026/11/abc123.pdf'))!)).equals(bytes)).toBe(true);
    // A byte range across a row boundary reads only the rows it needs and the bytes asked for.
    const start = CHUNK_BYTES - 100;
    const part = await buffer((await storage.get('2026/11/abc123.pdf', { start, end: CHUNK_BYTES + 99 }))!);
    expect(part.equals(bytes.subarray(start, CHUNK_BYTES + 100))).toBe(true);
    // A second put replaces the file whole.
    const shorter = randomBytes(1000);
    await storage.put('2026/11/abc123.pdf', pieces(shorter));
    expect((await buffer((await storage.get('2026/11/abc123.pdf'))!)).equals(shorter)).toBe(true);
    await storage.delete('2026/11/abc123.pdf');
    expect(await storage.get('2026/11/abc123.pdf')).toBeNull();
  });

  it('local: the year/month folder, no partial file left, and no key outside the folder', async () => {
    const root = join(dir, 'uploads');
    const storage = localStorage(root);
    const bytes = randomBytes(300_000);
    await storage.put('2026/11/def456.jpg', pieces(bytes));
    expect(await readdir(join(root, '2026', '11'))).toEqual(['def456.jpg']);
    expect((await buffer((await storage.get('2026/11/def456.jpg'))!)).equals(bytes)).toBe(true);
    expect((await buffer((await storage.get('2026/11/def456.jpg', { start: 10, end: 19 }))!)).equals(bytes.subarray(10, 20))).toBe(true);
    await expect(storage.put('../../etc/passwd', pieces(bytes))).rejects.toThrow(/not a media key/);
    await expect(storage.get('2026/11/../../x.jpg')).rejects.toThrow(/not a media key/);
    await storage.delete('2026/11/def456.jpg');
    expect(await storage.get('2026/11/def456.jpg')).toBeNull();
  });

  it('picks the database on PostgreSQL and the folder on SQLite unless MEDIA_STORAGE says otherwise', () => {
    expect(selectStorage(t.ctx).name).toBe(t.ctx.dialect === 'postgres' ? 'database' : 'local');
    expect(selectStorage({ ...t.ctx, config: { ...t.ctx.config, mediaStorage: 'database' } }).name).toBe('database');
    expect(selectStorage({ ...t.ctx, config: { ...t.ctx.config, mediaStorage: 'local' } }).name).toBe('local');
  });
});
