// Bytes to text for fetched bodies: a BOM, else the Content-Type charset, else an in-document declaration
// (<meta charset>, <?xml encoding?>, which old TrackBack servers rely on), else UTF-8.
// TextDecoder knows the WHATWG labels (iso-8859-1, shift_jis, euc-jp, ...).

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2]! : null;
}

/** Charset declared inside the first bytes of an HTML or XML document, if any. */
function sniffDeclared(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!;
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1]! : null;
}

export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  const decoder =
    decoderFor(charsetFromContentType(contentType)) ?? decoderFor(sniffDeclared(bytes)) ?? new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
