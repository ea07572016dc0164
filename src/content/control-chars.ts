// Control characters (other than tab and line breaks) mean nothing in a post, break XML feeds (XML 1.0
// §2.2) and NUL is refused outright by PostgreSQL text columns, so they are dropped at the door.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControlChars(text: string): string {
  return text.replace(CONTROL, '');
}
