// Reads an XML-RPC request body with a limit that depends on the method: the name comes first in a
// <methodCall>, so the first few KB decide whether the call may be as large as a post (metaWeblog.newPost,
// wp.editPost) or is held to 64 KB like every pingback (body.ts bodyLimitFor). Bytes past the limit are never
// kept; the error carries 413 for the route's error handler, as Fastify's own body limit does. An upload
// call's <base64> text goes to temp files as it arrives (base64-spool.ts) instead of staying in memory.
import type { Readable } from 'node:stream';
import type { Base64Spool, SpooledFile } from './base64-spool.js';
import { MAX_POST_CALL_BYTES, METHOD_NAME_WINDOW, sniffMethodName } from './body.js';

export class BodyTooLarge extends Error {
  readonly statusCode = 413;
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit >= 1_048_576 ? `${(limit / 1_048_576).toFixed(1)} MB` : `${limit / 1024} KB`}.`);
  }
}

export interface CallBody {
  /** The call's XML bytes (with markers where spooled <base64> text was). */
  body: Buffer;
  /** The files the spool wrote, in order; the caller removes them once the call is answered. */
  spooled: SpooledFile[];
}

/**
 * `largest` is the largest limit any method has (uploads may have more than a post): the cap while the name is
 * unknown. `spoolFor` answers a spool for the methods whose <base64> is written to disk (null for the rest).
 */
export function readCallBody(
  stream: Readable,
  declaredLength: number,
  limitFor: (methodName: string | null) => number,
  largest = MAX_POST_CALL_BYTES,
  spoolFor: (methodName: string | null) => Base64Spool | null = () => null,
): Promise<CallBody> {
  return new Promise((resolve, reject) => {
    if (declaredLength > largest) return reject(new BodyTooLarge(largest));
    const chunks: Buffer[] = [];
    let size = 0;
    let limit: number | null = null;
    let spool: Base64Spool | null = null;
    let settled = false;
    const stop = () => {
      settled = true;
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
    };
    const fail = (err: Error) => {
      stop();
      // The rest of the body is read and dropped (a spool may have paused the stream), so the answer can go out.
      stream.resume();
      if (spool) void spool.discard();
      reject(err);
    };
    const resume = () => stream.resume();
    const decide = () => {
      if (limit !== null) return limit;
      const name = sniffMethodName(Buffer.concat(chunks, size));
      limit = limitFor(name);
      spool = spoolFor(name);
      if (spool) {
        const head = Buffer.concat(chunks, size);
        chunks.length = 0;
        if (!spool.write(head, resume)) stream.pause();
      }
      return limit;
    };
    function onData(chunk: Buffer | string) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (spool) {
        if (!spool.write(bytes, resume)) stream.pause();
      } else {
        chunks.push(bytes);
        if (size >= METHOD_NAME_WINDOW) decide();
      }
      const allowed = limit ?? largest;
      // A declared length over the method's limit is refused as soon as the method is known.
      if (size > allowed || (limit !== null && declaredLength > limit)) fail(new BodyTooLarge(allowed));
    }
    function onEnd() {
      const allowed = decide();
      if (size > allowed) return fail(new BodyTooLarge(allowed));
      stop();
      const open = spool as Base64Spool | null;
      if (!open) return resolve({ body: Buffer.concat(chunks, size), spooled: [] });
      open.end().then(
        (body) => resolve({ body, spooled: open.files }),
        (err: Error) => {
          void open.discard();
          reject(err);
        },
      );
    }
    function onError(err: Error) {
      fail(Object.assign(err, { statusCode: 400 }));
    }
    // A client that goes away mid-body: nothing more will come, and no spooled file may stay behind.
    function onClose() {
      if (!settled) fail(Object.assign(new Error('The request body ended early.'), { statusCode: 400 }));
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
    stream.resume();
  });
}
