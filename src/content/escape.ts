// The one pair of escapers for markup we build by hand (feeds, TrackBack answers, head extras); templates
// escape through eta. Text from other sites always goes through one of these.

/** Text or attribute value for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// XML 1.0 §2.2 Char: anything else (C0 controls, lone surrogates, U+FFFE/FFFF) makes the document ill-formed.
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops the characters an XML document cannot carry at all (not even escaped). */
export function dropNonXmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '');
}

/** Text or attribute value for XML: characters XML cannot carry are dropped, then the five are escaped. */
export function xmlText(value: string): string {
  return dropNonXmlChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
