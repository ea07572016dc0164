// Upload calls (metaWeblog.newMediaObject, wp.uploadFile) carry a whole file as <base64> text. Held in memory
// it would be there four times (the body, the XML string, the parser's text, the decoded Buffer), so while the
// body arrives every <base64> element's text is decoded straight into a temp file, and the XML kept in memory
// holds a short marker instead (issue 14 point 5). After parsing, spooledParams() swaps each marker's Buffer
// for the SpooledFile it stands for. Every <base64> of a spooled call is spooled, so every marker the parser
// returns was written here, never by the client.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class SpooledFile {
  constructor(readonly path: string, readonly bytes: number, readonly valid: boolean) {}
}

const OPEN = Buffer.from('<base64>');
const CLOSE_START = 0x3c; // '<': base64 text holds none, so the first one ends the element
const marker = (i: number) => Buffer.from(`\u0000backtalk-spooled-${i}\u0000`);

/** A base64 character (RFC 4648 §4) or whitespace a client may wrap the lines with (0 = skip, 1 = keep, 2 = bad). */
const CLASS = new Uint8Array(256).fill(2);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') CLASS[c.charCodeAt(0)] = 1;
for (const c of ' \t\r\n') CLASS[c.charCodeAt(0)] = 0;

interface Open {
  file: WriteStream;
  path: string;
  pending: string;
  bytes: number;
  valid: boolean;
}

export class Base64Spool {
  readonly files: SpooledFile[] = [];
  private readonly xml: Buffer[] = [];
  private carry = Buffer.alloc(0);
  private current: Open | null = null;
  private readonly finished: Array<Promise<void>> = [];
  /** The first write error (a full disk): the reader is woken and the call fails with it. */
  private failure: Error | null = null;
  private wake: () => void = () => undefined;

  constructor(private readonly dir: string) {}

  /** Feeds the next body bytes; answers false when the file being written wants the reader to wait ('drain'). */
  write(chunk: Buffer, onDrain: () => void): boolean {
    this.wake = onDrain;
    let rest = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    let ready = true;
    while (rest.length) {
      if (this.current) {
        const end = rest.indexOf(CLOSE_START);
        ready = this.decode(end === -1 ? rest : rest.subarray(0, end), onDrain) && ready;
        if (end === -1) break;
        this.close();
        rest = rest.subarray(end);
        continue;
      }
      const at = rest.indexOf(OPEN);
      if (at === -1) {
        // Keep the last bytes back: they may be the start of a tag split across chunks.
        const keep = Math.min(OPEN.length - 1, rest.length);
        this.xml.push(rest.subarray(0, rest.length - keep));
        this.carry = Buffer.from(rest.subarray(rest.length - keep));
        break;
      }
      this.xml.push(rest.subarray(0, at + OPEN.length), Buffer.from(marker(this.files.length).toString('base64')));
      this.start();
      rest = rest.subarray(at + OPEN.length);
    }
    return ready;
  }

  /** The XML with markers, once every file is written; an unclosed <base64> leaves its text out (a parse fault follows). */
  async end(): Promise<Buffer> {
    if (this.current) this.close();
    this.xml.push(this.carry);
    await Promise.all(this.finished);
    if (this.failure) throw this.failure;
    return Buffer.concat(this.xml);
  }

  async discard(): Promise<void> {
    if (this.current) this.close();
    await Promise.allSettled(this.finished);
    await Promise.all(this.files.map((f) => rm(f.path, { force: true })));
  }

  private start(): void {
    const path = join(this.dir, `xmlrpc-${randomBytes(8).toString('hex')}`);
    const file = createWriteStream(path, { flags: 'w' });
    file.on('error', (err) => {
      this.failure ??= err;
      this.wake();
    });
    this.current = { file, path, pending: '', bytes: 0, valid: true };
  }

  private decode(text: Buffer, onDrain: () => void): boolean {
    const cur = this.current!;
    const kept = Buffer.allocUnsafe(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const cls = CLASS[text[i]!]!;
      if (cls === 1) kept[n++] = text[i]!;
      else if (cls === 2) cur.valid = false;
    }
    const all = cur.pending + kept.toString('latin1', 0, n);
    const whole = all.length - (all.length % 4);
    cur.pending = all.slice(whole);
    if (whole === 0) return true;
    const bytes = Buffer.from(all.slice(0, whole), 'base64');
    cur.bytes += bytes.length;
    const ok = cur.file.write(bytes);
    if (!ok) cur.file.once('drain', onDrain);
    return ok;
  }

  private close(): void {
    const cur = this.current!;
    this.current = null;
    if (cur.pending) {
      const bytes = Buffer.from(cur.pending, 'base64');
      cur.bytes += bytes.length;
      cur.file.write(bytes);
    }
    this.files.push(new SpooledFile(cur.path, cur.bytes, cur.valid));
    this.finished.push(
      new Promise<void>((resolve, reject) => {
        cur.file.once('error', reject);
        // An ended file emits no 'drain': a reader waiting on this file is woken when it is finished.
        cur.file.once('finish', () => {
          resolve();
          this.wake();
        });
        cur.file.end();
      }),
    );
  }
}

/** Makes the spool's folder (the data folder's tmp/, shared with media uploads) before a call is read. */
export const spoolFolder = (dir: string) => mkdir(dir, { recursive: true });

/** The decoded params with each marker Buffer replaced by the file it stands for. */
export function spooledParams(value: unknown, files: SpooledFile[]): unknown {
  if (files.length === 0) return value;
  if (Buffer.isBuffer(value)) {
    const i = files.findIndex((_, n) => value.equals(marker(n)));
    return i === -1 ? value : files[i];
  }
  if (Array.isArray(value)) return value.map((v) => spooledParams(v, files));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spooledParams(v, files)]));
}
