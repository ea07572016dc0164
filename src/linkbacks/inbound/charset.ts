// Decodes a TrackBack form body with the charset the sender declared (TB12 "Sending a TrackBack Ping": the
// Content-Type SHOULD carry charset; WordPress also reads a `charset` form field). The raw bytes are needed
// because percent-escapes stand for bytes in that charset, not for UTF-8.

export type DecodedForm = { ok: true; fields: Map<string, string[]>; charset: string } | { ok: false; reason: string };

/** Charsets we accept, by the labels senders use; TextDecoder does the work. UTF-7 is refused (WPTB). */
const ALLOWED = new Set([
  'utf-8', 'utf8', 'us-ascii', 'ascii', 'iso-8859-1', 'latin1', 'iso-latin-1', 'windows-1252', 'cp1252',
  'iso-8859-15', 'iso-8859-2', 'windows-1251', 'koi8-r', 'shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'windows-31j',
  'cp932', 'euc-jp', 'x-euc-jp', 'iso-2022-jp', 'jis', 'gbk', 'gb2312', 'gb18030', 'big5', 'euc-kr',
]);
const LABEL_ALIASES: Record<string, string> = { utf8: 'utf-8', ascii: 'us-ascii', latin1: 'iso-8859-1', 'iso-latin-1': 'iso-8859-1', cp1252: 'windows-1252', sjis: 'shift_jis', 'x-sjis': 'shift_jis', 'shift-jis': 'shift_jis', 'windows-31j': 'shift_jis', cp932: 'shift_jis', jis: 'iso-2022-jp', 'x-euc-jp': 'euc-jp' };

/** The `charset` parameter of a Content-Type header, lower-cased, or null. */
export function charsetParam(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** Splits application/x-www-form-urlencoded bytes into raw (still undecoded) byte values per name. */
function splitRaw(body: Buffer): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (const part of body.toString('latin1').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    out.push([percentBytes(rawName).toString('latin1'), percentBytes(rawValue)]);
  }
  return out;
}

function percentBytes(s: string): Buffer {
  const plus = s.replace(/\+/g, ' ');
  const bytes: number[] = [];
  for (let i = 0; i < plus.length; i++) {
    const c = plus.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(plus.slice(i + 1, i + 3))) {
      bytes.push(parseInt(plus.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}

function decoderFor(label: string): TextDecoder | null {
  const name = LABEL_ALIASES[label] ?? label;
  if (!ALLOWED.has(label) && !ALLOWED.has(name)) return null;
  try {
    return new TextDecoder(name, { fatal: true });
  } catch {
    return null;
  }
}

/**
 * Decodes every field. The charset comes from the header, else the `charset` field; with none, UTF-8, then
 * Latin-1 when the bytes are not valid UTF-8 (linkback-protocols §2.8 case 5). A declared charset must decode
 * cleanly: bytes that are not valid in it are refused rather than guessed.
 */
export function decodeTrackbackForm(body: Buffer, contentType: string | undefined): DecodedForm {
  const raw = splitRaw(body);
  const fromField = raw.find(([k]) => k === 'charset')?.[1].toString('latin1').trim().toLowerCase() || null;
  const declared = charsetParam(contentType) ?? fromField;
  if (declared && /utf-?7/.test(declared)) return { ok: false, reason: 'The UTF-7 charset is not accepted.' };
  const candidates: string[] = declared ? [declared] : ['utf-8', 'windows-1252'];
  for (const label of candidates) {
    const decoder = decoderFor(label);
    if (!decoder) return { ok: false, reason: `The charset "${label.slice(0, 40)}" is not supported.` };
    try {
      const fields = new Map<string, string[]>();
      for (const [k, v] of raw) fields.set(k, [...(fields.get(k) ?? []), decoder.decode(v)]);
      return { ok: true, fields, charset: LABEL_ALIASES[label] ?? label };
    } catch {
      if (declared) return { ok: false, reason: `The request is not valid ${label.slice(0, 40)}.` };
    }
  }
  return { ok: false, reason: 'The request could not be decoded.' };
}
