// Issue 10 point 1, the safety net: a header Node would refuse (here a raw non-ASCII Location, which every
// redirect of ours now avoids) reaches Fastify's error handler as a logged 500 page instead of throwing
// inside the session plugin's callback, and the app keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';

describe('headers Node would refuse', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp({}, {
      beforeReady: (app) => {
        app.get('/test-only/raw-redirect', async (request, reply) => {
          // A signed-in visit, so @fastify/session saves the session in its onSend callback.
          request.session.set('flash', 'touched');
          return reply.redirect('/admin/\u3002', 303);
        });
      },
    });
    cookie = (await signIn(t, await createUser(t.ctx, 'admin'))).cookie;
  });
  afterAll(() => t.close());

  it('answers a 500 page without the bad header, and the next request is served', async () => {
    const res = await t.app.inject({ url: '/test-only/raw-redirect', headers: { cookie, accept: 'text/html' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toContain('Something went wrong on our side');
    const next = await t.app.inject({ url: '/admin', headers: { cookie, accept: 'text/html' } });
    expect(next.statusCode).toBe(200);
  });
});
