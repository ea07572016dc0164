// The sign-in helper must produce a session the real app accepts, or every admin test would be hollow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';

describe('test sign-in helper', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, {
      beforeReady: (app) => {
        app.get('/_whoami', async (req) => ({ user: req.user?.username ?? null }));
        app.post('/_csrf-check', { preHandler: app.csrfProtection }, async () => ({ ok: true }));
      },
    });
  });
  afterAll(() => t.close());

  it('is recognised as the user and passes CSRF checks', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const s = await signIn(t, admin);
    const who = await t.app.inject({ url: '/_whoami', headers: s.headers });
    expect(who.json()).toEqual({ user: admin.username });
    const ok = await t.app.inject({ method: 'POST', url: '/_csrf-check', headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: s.form({}) });
    expect(ok.statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'POST', url: '/_csrf-check', headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=forged' });
    expect(bad.statusCode).toBe(403);
  });
});
