// Issue 14 point 5: an upload call's <base64> text is decoded into temp files while the body is read, and the
// XML kept in memory carries only a marker; the parsed params get the files back in their place.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Base64Spool, SpooledFile, spooledParams } from '../../src/xmlrpc/base64-spool.js';
import { decodeMethodCall, encodeMethodCall } from '../../src/xmlrpc/codec.js';
import { BodyTooLarge, readCallBody } from '../../src/xmlrpc/read-call.js';

describe('the <base64> spool', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-spool-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function spoolIn(chunks: Buffer[]) {
    const spool = new Base64Spool(dir);
    for (const c of chunks) spool.write(c, () => undefined);
    const xml = await spool.end();
    const call = await decodeMethodCall(xml.toString('utf8'));
    return { xml, files: spool.files, params: spooledParams(call.params, spool.files) as unknown[] };
  }

  it('decodes every element to its own file, whatever the chunk boundaries and line breaks', async () => {
    const first = randomBytes(5000);
    const second = Buffer.from('second file');
    // 76-character lines with CRLF, as MIME-minded clients send them.
    const wrapped = first.toString('base64').replace(/.{76}/g, '$&\r\n');
    const body = Buffer.from(encodeMethodCall('wp.uploadFile', [1, 'u', 'p', { name: 'a.bin', bits: Buffer.from('x') }, second]).replace(/<base64>[^<]*<\/base64>/, `<base64>${wrapped}</base64>`));
    for (const size of [1, 3, 7, 8, 9, 500, body.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size));
      const { xml, files, params } = await spoolIn(chunks);
      expect(xml.length).toBeLessThan(1000);
      expect(files.map((f) => [f.bytes, f.valid])).toEqual([[5000, true], [second.length, true]]);
      const data = params[3] as { bits: unknown };
      expect(data.bits).toBeInstanceOf(SpooledFile);
      expect(await readFile((data.bits as SpooledFile).path)).toEqual(first);
      expect(await readFile((params[4] as SpooledFile).path)).toEqual(second);
      for (const f of files) await rm(f.path);
    }
  });

  it('marks text that is not base64, and never mistakes a client-sent marker for a file', async () => {
    const fake = Buffer.from('\u0000backtalk-spooled-0\u0000');
    const { files, params } = await spoolIn([Buffer.from(encodeMethodCall('wp.uploadFile', [{ bits: fake }]).replace('</base64>', '!</base64>'))]);
    expect(files[0]!.valid).toBe(false);
    // The client's own bytes were spooled too: the value is that file, holding exactly what was sent.
    expect(await readFile(((params[0] as { bits: SpooledFile }).bits).path)).toEqual(fake);
    await rm(files[0]!.path);
  });

  it('spools while reading a body, and removes its files when the body is refused', async () => {
    const payload = randomBytes(300_000);
    const xml = encodeMethodCall('wp.uploadFile', [1, 'u', 'p', { name: 'big.bin', bits: payload }]);
    const read = await readCallBody(Readable.from([Buffer.from(xml)]), xml.length, () => 1_000_000, 1_000_000, () => new Base64Spool(dir));
    expect(read.body.length).toBeLessThan(1000);
    expect(await readFile(read.spooled[0]!.path)).toEqual(payload);
    await rm(read.spooled[0]!.path);
    const refused = readCallBody(Readable.from([Buffer.from(xml).subarray(0, 200_000), Buffer.from(xml).subarray(200_000)]), NaN, () => 300_000, 1_000_000, () => new Base64Spool(dir));
    await expect(refused).rejects.toBeInstanceOf(BodyTooLarge);
    await new Promise((r) => setImmediate(r));
    await expect.poll(() => readdir(dir)).toEqual([]);
  });
});
