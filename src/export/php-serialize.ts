// PHP's serialize() for the plain values WordPress keeps in _wp_attachment_metadata: strings (length in
// UTF-8 bytes, as PHP counts), integers and string-keyed arrays. Nothing else is needed or written.
export type PhpValue = string | number | { [key: string]: PhpValue };

export function phpSerialize(value: PhpValue): string {
  if (typeof value === 'number') return Number.isInteger(value) ? `i:${value};` : `d:${value};`;
  if (typeof value === 'string') return `s:${Buffer.byteLength(value, 'utf8')}:"${value}";`;
  const entries = Object.entries(value);
  return `a:${entries.length}:{${entries.map(([k, v]) => phpSerialize(k) + phpSerialize(v)).join('')}}`;
}
