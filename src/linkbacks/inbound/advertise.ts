// Advertises our three endpoints on a single post page while it takes pings: X-Pingback and
// <link rel="pingback"> (PB §2), Link rel="webmention" and <link rel="webmention"> (WM §3.1.2), and the
// TrackBack RDF block inside an HTML comment (TB12 "Auto-Discovery") with a visible Trackback URL.
import type { Post } from '../../db/schema.js';
import { permalinkUrl, type PermalinkSettings } from '../../posts/permalink.js';
import { escapeHtml } from '../../content/escape.js';

export interface Advertisement {
  headers: Record<string, string>;
  head: string;
  afterContent: string;
}

export function endpointUrls(siteUrl: string, postId: number): { pingback: string; webmention: string; trackback: string } {
  const site = siteUrl.replace(/\/+$/, '');
  return { pingback: `${site}/xmlrpc`, webmention: `${site}/webmention`, trackback: `${site}/trackback/${postId}` };
}

/** Escaped for an attribute that sits inside an HTML comment: "--" would end the comment early. */
function inComment(s: string): string {
  return escapeHtml(s).replace(/--/g, '-&#45;');
}

export function advertisement(post: Post, siteUrl: string, links: PermalinkSettings): Advertisement {
  const urls = endpointUrls(siteUrl, post.id);
  const permalink = permalinkUrl(siteUrl, post, links);
  // The pingback link element must be byte-exact for the spec's discovery regex (PB §2.2).
  const head = [`<link rel="pingback" href="${escapeHtml(urls.pingback)}">`, `<link rel="webmention" href="${escapeHtml(urls.webmention)}">`].join('\n');
  const rdf = [
    '<!--',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
    '         xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">',
    '<rdf:Description',
    `    rdf:about="${inComment(permalink)}"`,
    `    dc:identifier="${inComment(permalink)}"`,
    `    dc:title="${inComment(post.title)}"`,
    `    trackback:ping="${inComment(urls.trackback)}" />`,
    '</rdf:RDF>',
    '-->',
  ].join('\n');
  const visible = `<p class="trackback-url">Trackback URL: <code>${escapeHtml(urls.trackback)}</code></p>`;
  return {
    headers: { 'X-Pingback': urls.pingback, Link: `<${urls.webmention}>; rel="webmention"` },
    head,
    afterContent: `${rdf}\n${visible}`,
  };
}
