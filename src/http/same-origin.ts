// Is this POST from a page of our own site? Decided from what browsers send without any cookie (OWASP CSRF
// cheat sheet, "Fetch Metadata" and "Verifying Origin with standard headers"): Sec-Fetch-Site first, then
// Origin, then the Referer's origin. A request with none of them (curl, old clients) is not a browser being
// tricked, so it passes here and is left to the form token.
import type { FastifyRequest } from 'fastify';

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** siteUrl is the configured public address; the request's own scheme and Host count as ours too. */
export function checkSameOrigin(request: FastifyRequest, siteUrl: string): OriginVerdict {
  const ours = new Set([originOf(siteUrl), originOf(`${request.protocol}://${request.host}`)].filter((o): o is string => o !== null));
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== '') {
    // "same-site" includes sibling subdomains, which another party may control.
    return fetchSite === 'same-origin' ? { ok: true } : { ok: false, reason: `the form was sent from another site (${fetchSite})` };
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    return ours.has(origin) ? { ok: true } : { ok: false, reason: `the form was sent from another site (${origin})` };
  }
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    const from = originOf(referer);
    return from && ours.has(from) ? { ok: true } : { ok: false, reason: 'the form was sent from another site' };
  }
  return { ok: true };
}
