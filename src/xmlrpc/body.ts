// From request bytes to XML text: honours the declared encoding (UTF-8 when none, XML 1.0 §4.3.3) and
// refuses DTDs and entity declarations before any parser sees them (billion laughs, XXE; protocols §4.7).
import { POST_LIMITS } from '../posts/limits.js';
import { FaultCodes } from './fault-codes.js';
import { XmlRpcFault } from './registry.js';

/** Every call but a post's: pingbacks, comments, reads (linkback-protocols §4.7 caps inbound bodies). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * A call that carries a whole post (metaWeblog.newPost, wp.editPost, …): the largest post the validator
 * accepts, XML-escaped at its worst (`&quot;`, six bytes for one character), plus room for the envelope, so an
 * editor's long post is never refused unread (issue 10 point 6).
 */
export const MAX_POST_CALL_BYTES = Object.values(POST_LIMITS).reduce((a, b) => a + b, 0) * 6 + 64 * 1024;

/**
 * An upload call (metaWeblog.newMediaObject, wp.uploadFile) carries the file as base64: 4 bytes per 3, plus
 * the line breaks some clients add every 76 characters, plus room for the envelope.
 */
export function uploadCallBytes(maxFileBytes: number): number {
  return Math.ceil(((Math.ceil(maxFileBytes / 3) * 4) * 78) / 76) + 64 * 1024;
}

/** Enough of the body to read <methodName>, which comes first in a <methodCall> (XML-RPC spec). */
export const METHOD_NAME_WINDOW = 4096;

/** The body limit for a call, decided from the method name at its start (null while it is not known). */
export function bodyLimitFor(methodName: string | null, carriesPost: (name: string) => boolean): number {
  return methodName !== null && carriesPost(methodName) ? MAX_POST_CALL_BYTES : MAX_BODY_BYTES;
}

/** The method name from the first bytes of a call, or null. */
export function sniffMethodName(head: Buffer): string | null {
  return /<methodName>\s*([A-Za-z0-9_.:/-]{1,100})\s*<\/methodName>/.exec(head.toString('latin1'))?.[1] ?? null;
}

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** The charset parameter of Content-Type, which wins over the XML declaration (RFC 7303 §3.2), else the declaration. */
export function decodeBody(bytes: Buffer, contentType = ''): string {
  const fromHeader = /;\s*charset\s*=\s*"?([A-Za-z0-9._-]+)"?/i.exec(contentType)?.[1];
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = fromHeader ?? DECLARED_ENCODING.exec(head)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase(), { fatal: true });
  } catch {
    throw new XmlRpcFault(-32701, `Parse error: unsupported encoding ${declared}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlRpcFault(-32702, `Parse error: invalid character for encoding ${declared}`);
  }
}

export function refuseDeclarations(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new XmlRpcFault(FaultCodes.invalidRequest, 'Invalid XML-RPC request: DOCTYPE and ENTITY declarations are not accepted.');
  }
}
