// Reads an XML-RPC request body with a limit that depends on the method: the name comes first in a
// <methodCall>, so the first few KB decide whether the call may be as large as a post (metaWeblog.newPost,
// wp.editPost) or is held to 64 KB like every pingback (body.ts bodyLimitFor). Bytes past the limit are never
// kept; the error carries 413 for the route's error handler, as Fastify's own body limit does.
import type { Readable } from 'node:stream';
import { MAX_POST_CALL_BYTES, METHOD_NAME_WINDOW, sniffMethodName } from './body.js';

export class BodyTooLarge extends Error {
  readonly statusCode = 413;
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit >= 1_048_576 ? `${(limit / 1_048_576).toFixed(1)} MB` : `${limit / 1024} KB`}.`);
  }
}

/** `largest` is the largest limit any method has (uploads may have more than a post): the cap while the name is unknown. */
export function readCallBody(stream: Readable, declaredLength: number, limitFor: (methodName: string | null) => number, largest = MAX_POST_CALL_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredLength > largest) return reject(new BodyTooLarge(largest));
    const chunks: Buffer[] = [];
    let size = 0;
    let limit: number | null = null;
    const stop = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
    };
    const decide = () => (limit ??= limitFor(sniffMethodName(Buffer.concat(chunks, size))));
    function onData(chunk: Buffer | string) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      if (size >= METHOD_NAME_WINDOW) decide();
      const allowed = limit ?? largest;
      // A declared length over the method's limit is refused as soon as the method is known.
      if (size > allowed || (limit !== null && declaredLength > limit)) {
        stop();
        reject(new BodyTooLarge(allowed));
      }
    }
    function onEnd() {
      stop();
      const body = Buffer.concat(chunks, size);
      const allowed = decide();
      if (size > allowed) return reject(new BodyTooLarge(allowed));
      resolve(body);
    }
    function onError(err: Error) {
      stop();
      reject(Object.assign(err, { statusCode: 400 }));
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
