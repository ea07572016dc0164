// Pure RSS 2.0 and Atom (RFC 4287) builders: plain values in, a well-formed XML string out. Everything is
// escaped here, characters XML 1.0 forbids (§2.2) are dropped, and full HTML rides in CDATA or escaped text.
import { dropNonXmlChars, escapeHtml, xmlText } from '../content/escape.js';

export interface FeedItem {
  /** Stable id (the ?p=ID address, as WordPress's guid), not the permalink, which changes with the slug. */
  id: string;
  title: string;
  link: string;
  /** ISO-8601 publication and update times. */
  published: string;
  updated: string;
  authorName: string;
  /** Full post HTML. */
  html: string;
  /** Plain-text summary. */
  summary: string;
  /** The featured image (issue 14): shown at the top of the content, and as media:content in RSS. */
  image?: { url: string; width: number; height: number; alt: string; type: string } | null;
  /** Audio and video the post links to (RSS <enclosure>, Atom rel="enclosure"): podcasts. */
  enclosures?: Array<{ url: string; type: string; length: number }>;
  /** Category and tag names (issue 13): RSS <category>, Atom <category term> with the site as scheme, as WordPress. */
  categories?: string[];
}

export interface FeedInfo {
  title: string;
  subtitle: string;
  /** The site's home page, absolute. */
  siteUrl: string;
  /** This feed's own absolute URL, for rel="self". */
  selfUrl: string;
  /** WebSub hubs this feed advertises (rel="hub"); only feeds the hubs are told about carry them. */
  hubs?: string[];
  /** ISO time of the newest change; used when there are no items. */
  updated: string;
  items: FeedItem[];
}

export { xmlText };

/**
 * RSS readers render <description> as HTML, so a plain-text summary is HTML-escaped before the XML escaping:
 * a linkback excerpt reading "<img src=x onerror=…>" must show as text, never run (linkback-protocols §6.1).
 */
function summaryAsHtml(text: string): string {
  return escapeHtml(text);
}

/** A CDATA section holding any text: "]]>" cannot appear inside one, so it is split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${dropNonXmlChars(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** RFC 822 date (as RFC 1123 narrows it) for RSS 2.0: "Thu, 15 Jan 2026 12:00:00 GMT". */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** RFC 3339 date for Atom, in UTC. */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function newest(info: FeedInfo): string {
  return info.items.reduce((max, i) => (i.updated > max ? i.updated : max), info.items[0]?.updated ?? info.updated);
}

/** The featured image as the first thing in the content, as readers show it. */
function withImage(i: FeedItem): string {
  if (!i.image) return i.html;
  return `<p><img src="${escapeHtml(i.image.url)}" width="${i.image.width}" height="${i.image.height}" alt="${escapeHtml(i.image.alt)}"></p>${i.html}`;
}

function rssMedia(i: FeedItem): string {
  const lines = (i.enclosures ?? []).map((e) => `\n      <enclosure url="${xmlText(e.url)}" length="${e.length}" type="${xmlText(e.type)}"/>`);
  if (i.image) lines.push(`\n      <media:content url="${xmlText(i.image.url)}" medium="image" type="${xmlText(i.image.type)}" width="${i.image.width}" height="${i.image.height}"/>`);
  return lines.join('');
}

function rssCategories(i: FeedItem): string {
  return (i.categories ?? []).map((c) => `\n      <category>${cdata(c)}</category>`).join('');
}

function atomCategories(i: FeedItem, scheme: string): string {
  return (i.categories ?? []).map((c) => `\n    <category scheme="${xmlText(scheme)}" term="${xmlText(c)}"/>`).join('');
}

function atomMedia(i: FeedItem): string {
  return (i.enclosures ?? []).map((e) => `\n    <link rel="enclosure" type="${xmlText(e.type)}" length="${e.length}" href="${xmlText(e.url)}"/>`).join('');
}

export function buildRss(info: FeedInfo): string {
  const items = info.items.map(
    (i) => `    <item>
      <title>${xmlText(i.title)}</title>
      <link>${xmlText(i.link)}</link>
      <guid isPermaLink="false">${xmlText(i.id)}</guid>
      <pubDate>${rfc822(i.published)}</pubDate>
      <dc:creator>${xmlText(i.authorName)}</dc:creator>${rssCategories(i)}
      <description>${xmlText(summaryAsHtml(i.summary))}</description>
      <content:encoded>${cdata(withImage(i))}</content:encoded>${rssMedia(i)}
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${xmlText(info.title)}</title>
    <link>${xmlText(info.siteUrl + '/')}</link>
    <description>${xmlText(info.subtitle)}</description>
    <atom:link href="${xmlText(info.selfUrl)}" rel="self" type="application/rss+xml"/>${(info.hubs ?? []).map((h) => `\n    <atom:link href="${xmlText(h)}" rel="hub"/>`).join('')}
    <lastBuildDate>${rfc822(newest(info))}</lastBuildDate>
    <language>en</language>
    <generator>Backtalk</generator>
${items.join('\n')}
  </channel>
</rss>
`;
}

export function buildAtom(info: FeedInfo): string {
  const entries = info.items.map(
    (i) => `  <entry>
    <title type="text">${xmlText(i.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(i.link)}"/>
    <id>${xmlText(i.id)}</id>
    <published>${rfc3339(i.published)}</published>
    <updated>${rfc3339(i.updated)}</updated>
    <author><name>${xmlText(i.authorName)}</name></author>${atomCategories(i, info.siteUrl)}
    <summary type="text">${xmlText(i.summary)}</summary>
    <content type="html" xml:base="${xmlText(i.link)}">${xmlText(withImage(i))}</content>${atomMedia(i)}
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">${xmlText(info.title)}</title>
  <subtitle type="text">${xmlText(info.subtitle)}</subtitle>
  <id>${xmlText(info.siteUrl + '/')}</id>
  <link rel="alternate" type="text/html" href="${xmlText(info.siteUrl + '/')}"/>
  <link rel="self" type="application/atom+xml" href="${xmlText(info.selfUrl)}"/>${(info.hubs ?? []).map((h) => `\n  <link rel="hub" href="${xmlText(h)}"/>`).join('')}
  <updated>${rfc3339(newest(info))}</updated>
  <author><name>${xmlText(info.title)}</name></author>
  <generator>Backtalk</generator>
${entries.join('\n')}
</feed>
`;
}
