// The text forms WordPress's exporter writes (wp-admin/includes/export.php): CDATA sections as wxr_cdata()
// makes them, and dates as MySQL DATETIME strings ('Y-m-d H:i:s') in the site's zone and in GMT.
import { dropNonXmlChars, xmlText } from '../content/escape.js';
import { memoFormatter } from '../content/formatters.js';
import { safeZone } from '../content/zoned-time.js';

/**
 * wxr_cdata(): the text in a CDATA section, a `]]>` inside split across two sections so the section cannot
 * end early. Characters XML 1.0 cannot carry at all (§2.2: C0 controls, lone surrogates, U+FFFE/FFFF) are
 * dropped first: not even CDATA may hold them, and a parser stops at the first one.
 */
export function cdata(text: string): string {
  return `<![CDATA[${dropNonXmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Escaped character data, for the elements WordPress writes without CDATA (URLs, numbers). */
export const text = xmlText;

/** WordPress's zero date: what post_date_gmt holds for a draft never given a date. */
export const ZERO_DATE = '0000-00-00 00:00:00';

/** An ISO instant as 'Y-m-d H:i:s' in the given IANA zone (the site's timezone for post_date). */
export function wpDate(iso: string | null, zone = 'UTC'): string {
  if (!iso) return ZERO_DATE;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return ZERO_DATE;
  const parts = memoFormatter('en-CA', { timeZone: safeZone(zone), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** The item's RSS pubDate ('D, d M Y H:i:s +0000' of the GMT date); empty for a draft without one, as WordPress. */
export function rssDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toUTCString().replace(/GMT$/, '+0000');
}

/** WordPress's sanitize_key() of the site name, for the download's file name: `<site>.WordPress.<Y-m-d>.xml`. */
export function exportFileName(siteTitle: string, now: Date): string {
  const site = siteTitle.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return `${site ? `${site}.` : ''}WordPress.${now.toISOString().slice(0, 10)}.xml`;
}
