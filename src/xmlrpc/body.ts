// From request bytes to XML text: honours the declared encoding (UTF-8 when none, XML 1.0 §4.3.3) and
// refuses DTDs and entity declarations before any parser sees them (billion laughs, XXE; protocols §4.7).
import { FaultCodes } from './fault-codes.js';
import { XmlRpcFault } from './registry.js';

export const MAX_BODY_BYTES = 64 * 1024;

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
