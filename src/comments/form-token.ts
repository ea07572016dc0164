// The readers' comment form carries a token that is the same for every visitor of a post (an HMAC of the
// post id under the session secret), so post pages stay byte-identical for every anonymous reader and can be
// cached (issue 10 point 5, issue 11 point 3). It is not a secret from readers: it only proves the form was
// fetched from this site; cross-site posts are stopped by the Origin check (http/same-origin.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function commentFormToken(secret: string, postId: number): string {
  return createHmac('sha256', secret).update(`comment-form:v1:${postId}`).digest('base64url').slice(0, 32);
}

export function validCommentFormToken(secret: string, postId: number, token: string): boolean {
  const expected = Buffer.from(commentFormToken(secret, postId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
