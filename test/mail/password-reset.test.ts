// "Lost your password?" end to end through the mail: the request form (same answer for every name, limited
// per address), the job sending through nodemailer to a real SMTP server on 127.0.0.1, the link read from the
// mail, the new password set twice, every session of the account ended, the login page's flash, and the link
// spent. Also the new-user mail the Users screen queues (enqueueNewUserMail).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';
import { openForm, sessionCookie } from '../admin/form-session.js';
import { CHECK_EMAIL } from '../../src/admin/lost-password-routes.js';
import { RESET_REQUESTS_PER_IP_PER_HOUR } from '../../src/mail/password-reset.js';
import { enqueueNewUserMail } from '../../src/mail/index.js';
import type { User } from '../../src/db/schema.js';

let t: TestApp;
let smtp: SmtpCatcher;
let user: User & { password: string };
let ipSeq = 0;

const RESET_LINK = /^http:\/\/blog\.test(\/admin\/reset-password\?key=[A-Za-z0-9_-]{43})$/m;
const step = () => t.app.worker.runUntilIdle();

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({ mail: { smtpUrl: smtp.url, from: 'Blog <blog@blog.test>' } });
  user = await createUser(t.ctx, 'author', 'forgetful');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
beforeEach(() => {
  smtp.mails.length = 0;
  t.clock.advance(3_600_000); // a fresh hour for the rate limits
});

/** Asks for a reset like a browser: the form's session and CSRF token, from one address. */
async function ask(login: string, ip = `198.51.100.${++ipSeq}`) {
  const f = await openForm(t, '/admin/lost-password');
  const body = new URLSearchParams({ login, _csrf: f.csrf }).toString();
  const res = await t.app.inject({ method: 'POST', url: '/admin/lost-password', remoteAddress: ip, headers: { cookie: f.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
  const next = res.statusCode === 303 ? await t.app.inject({ url: res.headers.location as string, headers: { cookie: f.cookie, accept: 'text/html' } }) : null;
  return { res, next };
}

async function signInByForm(password: string) {
  const f = await openForm(t, '/admin/login');
  const res = await f.post('/admin/login', { username: user.username, password });
  return { res, cookie: sessionCookie(res) };
}

describe('Lost your password?', () => {
  it('the login page links to it; the form asks for a user name or e-mail address', async () => {
    const login = await t.app.inject({ url: '/admin/login', headers: { accept: 'text/html' } });
    expect(login.body).toContain('<a href="/admin/lost-password">Lost your password?</a>');
    const page = await t.app.inject({ url: '/admin/lost-password', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('User name or e-mail address');
  });

  it('answers the same for an account, an address in any case and nobody; only accounts get mail', async () => {
    const known = await ask('forgetful');
    const byMail = await ask('FORGETFUL@example.test');
    const nobody = await ask('nobody-here');
    const nobodyMail = await ask('nobody@example.test');
    for (const r of [known, byMail, nobody, nobodyMail]) {
      expect(r.res.statusCode).toBe(303);
      expect(r.res.headers.location).toBe('/admin/login');
      expect(r.res.body).toBe(known.res.body);
      expect(r.next!.body).toContain(CHECK_EMAIL);
    }
    // Nothing was sent in the request: the mails are jobs.
    expect(smtp.mails).toHaveLength(0);
    await step();
    expect(smtp.mails.map((m) => m.to)).toEqual([[user.email], [user.email]]);
    expect(smtp.mails[0].subject).toBe('[Backtalk] Password Reset');
    expect(smtp.mails[0].text).toContain('Username: forgetful');
    expect(smtp.mails[0].text).toMatch(/originated from the IP address 198\.51\.100\.\d+/);
    expect(smtp.mails[0].text).toMatch(RESET_LINK);
  });

  it('an empty form is a 400 with the message; too many requests from one address get 429 and keep the text', async () => {
    const empty = await ask('  ');
    expect(empty.res.statusCode).toBe(400);
    expect(empty.res.body).toContain('Enter your user name or e-mail address.');
    const ip = '203.0.113.77';
    for (let i = 0; i < RESET_REQUESTS_PER_IP_PER_HOUR; i++) expect((await ask(`someone${i}`, ip)).res.statusCode).toBe(303);
    const over = await ask('forgetful', ip);
    expect(over.res.statusCode).toBe(429);
    expect(over.res.headers['retry-after']).toMatch(/^\d+$/);
    expect(over.res.body).toContain('value="forgetful"');
    await step();
    expect(smtp.mails).toHaveLength(0);
  });

  it('the mailed link sets a new password once, ends every session of the account, and the login page says so', async () => {
    const before = await signInByForm(user.password);
    expect(before.res.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: before.cookie!, accept: 'text/html' } })).statusCode).toBe(200);

    await ask('forgetful');
    await step();
    const link = RESET_LINK.exec(smtp.mails[0].text)![1];
    const page = await openForm(t, link);
    const form = await t.app.inject({ url: link, headers: { cookie: page.cookie, accept: 'text/html' } });
    expect(form.body).toContain('For the account <strong>forgetful</strong>');
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    const key = new URL(link, 'http://x').searchParams.get('key')!;

    const mismatch = await page.post('/admin/reset-password', { key, password: 'new-password-1', password2: 'new-password-2' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The two passwords do not match');
    expect(mismatch.body).not.toContain('new-password-1');
    const short = await page.post('/admin/reset-password', { key, password: 'short', password2: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('at least 8 characters');

    const done = await page.post('/admin/reset-password', { key, password: 'new-password-1', password2: 'new-password-1' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/login');
    const flash = await t.app.inject({ url: '/admin/login', headers: { cookie: sessionCookie(done) ?? page.cookie, accept: 'text/html' } });
    expect(flash.body).toContain('Your password has been reset. Log in with your new password.');

    // The session signed in before the reset is gone.
    expect((await t.app.inject({ url: '/admin', headers: { cookie: before.cookie!, accept: 'text/html' } })).statusCode).toBe(303);
    expect((await signInByForm(user.password)).res.statusCode).toBe(401);
    expect((await signInByForm('new-password-1')).res.statusCode).toBe(303);

    // The link is spent: the page and the form both say so, with a way to a new one.
    const again = await t.app.inject({ url: link, headers: { accept: 'text/html' } });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('already been used');
    expect(again.body).toContain('href="/admin/lost-password"');
    const other = await openForm(t, '/admin/lost-password');
    const reuse = await other.post('/admin/reset-password', { key, password: 'third-password', password2: 'third-password' });
    expect(reuse.statusCode).toBe(410);
    expect((await signInByForm('third-password')).res.statusCode).toBe(401);
  });

  it('a link older than 24 hours has expired; a made-up one is 404', async () => {
    await ask('forgetful');
    await step();
    const link = RESET_LINK.exec(smtp.mails[0].text)![1];
    t.clock.advance(24 * 3_600_000 + 1000);
    const res = await t.app.inject({ url: link, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('expired');
    expect((await t.app.inject({ url: '/admin/reset-password?key=nope', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });
});

describe('the new-user mail', () => {
  it('gives the user name and a link to choose a password, never the password', async () => {
    const fresh = await createUser(t.ctx, 'author', 'newcomer', 'the-set-password');
    await t.ctx.transaction((trx) => enqueueNewUserMail(trx, t.clock, fresh.id));
    await step();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual([fresh.email]);
    expect(smtp.mails[0].subject).toBe('[Backtalk] Login Details');
    expect(smtp.mails[0].text).toContain('Username: newcomer');
    expect(smtp.mails[0].text).toContain('http://blog.test/admin/login');
    expect(smtp.mails[0].text).not.toContain('the-set-password');
    const link = RESET_LINK.exec(smtp.mails[0].text)![1];
    expect((await t.app.inject({ url: link, headers: { accept: 'text/html' } })).body).toContain('For the account <strong>newcomer</strong>');
  });
});
