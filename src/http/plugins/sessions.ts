// Cookies, database-backed sessions (http/session-store.ts) and CSRF tokens bound to the session. The
// header guard goes in between, before the session plugin, so its own onSend runs after headers were found
// sendable (http/header-guard.ts).
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import type { AppContext } from '../../context.js';
import { registerHeaderGuard } from '../header-guard.js';
import { DatabaseSessionStore, SESSION_MAX_AGE_MS } from '../session-store.js';

export async function sessions(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie);
  registerHeaderGuard(app);
  await app.register(session, {
    secret: ctx.config.sessionSecret,
    cookieName: 'backtalk_session',
    store: new DatabaseSessionStore(ctx.db, ctx.clock, app.log),
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: SESSION_MAX_AGE_MS },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
}
