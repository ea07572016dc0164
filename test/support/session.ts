// Signs a user in for inject tests without going through the login form: writes a session row the way
// @fastify/session would, and hands back the cookie and a valid CSRF token for that session.
import { randomBytes } from 'node:crypto';
import { Signer } from '@fastify/cookie';
import CsrfTokens from '@fastify/csrf';
import type { User } from '../../src/db/schema.js';
import type { TestApp } from './app.js';

export interface SignedIn {
  cookie: string;
  csrf: string;
  /** Headers for app.inject: the session cookie (add content-type yourself). */
  headers: Record<string, string>;
  /** A form body with the CSRF token added, url-encoded. */
  form(fields: Record<string, string | string[]>): string;
}

export async function signIn(t: TestApp, user: Pick<User, 'id'>): Promise<SignedIn> {
  const sid = randomBytes(24).toString('base64url');
  const tokens = CsrfTokens();
  const secret = tokens.secretSync();
  const expires = new Date(Date.now() + 86_400_000);
  const data = { cookie: { originalMaxAge: 86_400_000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax' }, userId: user.id, _csrf: secret };
  await t.ctx.db.insertInto('sessions').values({ sid, data: JSON.stringify(data), expires_at: expires.toISOString() }).execute();
  const cookie = `backtalk_session=${encodeURIComponent(new Signer(t.ctx.config.sessionSecret, 'sha256').sign(sid))}`;
  const csrf = tokens.create(secret);
  return {
    cookie,
    csrf,
    headers: { cookie },
    form(fields) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      params.set('_csrf', csrf);
      return params.toString();
    },
  };
}
