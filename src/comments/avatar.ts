// Commenters' avatars (issue 16 point 1). By default drawn here, as an SVG identicon from a keyed hash of the
// email (HMAC under the site secret, so the page never carries a hash anyone can match against a list of
// addresses, as a bare Gravatar md5/sha256 can be), and served inline: a reader's browser asks no one else.
// Gravatar only when the admin turns use_gravatar on, as WordPress's show_avatars with its default service.
import { createHmac } from 'node:crypto';
import { gravatarUrl } from '../users/gravatar.js';
import { rememberRecent } from '../cache/recent-results.js';

export interface Avatar {
  src: string;
  /** True when the picture comes from gravatar.com. */
  remote: boolean;
}

/** A 5×5 mirrored grid in one colour, like WordPress's "identicon" default (the <img> sets 40 px): one path of unit squares. */
export function identiconSvg(key: Buffer): string {
  const hue = ((key[0] << 8) | key[1]) % 360;
  const cells: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if ((key[2 + row * 3 + col] & 1) === 0) continue;
      for (const x of new Set([col, 4 - col])) cells.push(`M${x + 1} ${row + 1}h1v1h-1z`);
    }
  }
  return `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 7 7'><path fill='#f0f0f0' d='M0 0h7v7H0z'/><path fill='hsl(${hue},55%,45%)' d='${cells.join('')}'/></svg>`;
}

/**
 * The SVG as a data: URI, escaping only what a URI or an HTML attribute needs (RFC 2397; quotes too, which the
 * template would otherwise write as entities): a third of encodeURIComponent's size, and a page carries dozens.
 */
const svgDataUri = (svg: string) => `data:image/svg+xml,${svg.replace(/[%#<>"']/g, (c) => (c === "'" ? '%27' : encodeURIComponent(c)))}`;

export function avatarFor(secret: string, who: { email: string; name: string }, useGravatar: boolean): Avatar {
  // The same commenters come back on every page: the keyed hash and the SVG are made once per address.
  return recentAvatars(JSON.stringify([secret, who.email, who.name, useGravatar]));
}

const recentAvatars = rememberRecent(2_000, (key) => {
  const [secret, email, name, useGravatar] = JSON.parse(key) as [string, string, string, boolean];
  return drawAvatar(secret, { email, name }, useGravatar);
});

function drawAvatar(secret: string, who: { email: string; name: string }, useGravatar: boolean): Avatar {
  const email = who.email.trim().toLowerCase();
  const gravatar = useGravatar ? gravatarUrl(email) : null;
  if (gravatar) return { src: gravatar, remote: true };
  const key = createHmac('sha256', secret).update(`avatar:v1:${email || `name:${who.name}`}`).digest();
  return { src: svgDataUri(identiconSvg(key)), remote: false };
}
