// Rewrites links to the old site's uploads (wp-content/uploads/<year>/<month>/<file>, or uploads/… in a
// Backtalk export, and WordPress's sized copies "<name>-300x188.png") to the imported media's new addresses.
// Pure: the caller gives the map from the upload's relative path ("2025/03/harbour-boats.png") to its new URL.

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Hosts the old uploads may be linked under: the export's site and blog URLs, with or without www. */
export function uploadsPattern(siteUrls: string[]): RegExp | null {
  const hosts = new Set<string>();
  for (const url of siteUrls) {
    try {
      const host = new URL(url).host;
      hosts.add(host);
      hosts.add(host.startsWith('www.') ? host.slice(4) : `www.${host}`);
    } catch {
      /* not a URL: no host to match */
    }
  }
  if (hosts.size === 0) return null;
  const alternatives = [...hosts].map(escapeRe).join('|');
  // WordPress keeps uploads under wp-content/uploads/; Backtalk's own export links them under /uploads/.
  return new RegExp(`(?:https?:)?//(?:${alternatives})(?:/[^"'\\s<>()]*?)?/(?:wp-content/)?uploads/([^"'\\s<>()?#]+)`, 'gi');
}

/** The original's relative path of a sized copy ("a/b/x-300x188.png" → "a/b/x.png"); others unchanged. */
export function originalOf(relative: string): string {
  return relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
}

/** Replaces every known upload URL in `html`; unknown ones (a file not in the uploads folder) stay. */
export function rewriteUploadUrls(html: string, pattern: RegExp | null, newUrl: (relative: string) => string | undefined): string {
  if (!pattern) return html;
  return html.replace(pattern, (whole, relative: string) => newUrl(relative) ?? newUrl(originalOf(relative)) ?? whole);
}
