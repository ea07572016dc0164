// One Intl.DateTimeFormat per (locale, options): building one costs far more than formatting with it (issue
// 11 measured 7–32% of a page in the constructor, one per date shown). Formatters are immutable, so sharing
// them is safe. Bounded, since the options include a time zone read from settings.
const MAX_FORMATTERS = 200;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A shared formatter; throws RangeError for an unknown time zone, as the constructor does. */
export function memoFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value as string);
    formatters.set(key, fmt);
  }
  return fmt;
}
