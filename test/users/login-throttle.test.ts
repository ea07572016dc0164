// Issue 10 points 2 and 3 on SQLite and PostgreSQL: parallel guesses cannot outrun the failed-login count,
// and guesses from other addresses slow an account down without locking its owner out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMethodCall, decodeMethodResponse } from '../../src/xmlrpc/codec.js';
import {
  accountDelayMs,
  FIRST_DELAY_MS,
  FREE_ACCOUNT_FAILURES,
  MAX_DELAY_MS,
  MAX_FAILURES_PER_ACCOUNT_AND_IP,
  THROTTLE_WINDOW_MS,
} from '../../src/users/login-throttle.js';
import { openForm, sessionCookie } from '../admin/form-session.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';

const failureRows = async (t: TestApp) => Number((await t.ctx.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('the failed-login throttle under parallel requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('checks at most the limit of 40 parallel wrong passwords on the login form', async () => {
    const victim = await createUser(t.ctx, 'admin');
    const f = await openForm(t, '/admin/login');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => f.post('/admin/login', { username: victim.username, password: `guess-${i}` })));
    const codes = answers.map((r) => r.statusCode);
    // A 401 is an answer after the password was checked; a 429 was refused before it.
    const checked = codes.filter((c) => c === 401).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(checked).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 429)).toHaveLength(40 - checked);
    expect(await failureRows(t)).toBe(checked);
  });

  it('checks at most the limit of 40 parallel XML-RPC logins, and a right password inside the burst wipes nothing', async () => {
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    await t.ctx.db.deleteFrom('login_failures').execute();
    const victim = await createUser(t.ctx, 'admin');
    const call = (password: string) =>
      t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: encodeMethodCall('blogger.getUsersBlogs', ['', victim.username, password]) });
    // The right password sits in the middle of the burst, as in the security pass.
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 2 ? victim.password : `guess-${i}`));
    const answers = await Promise.all((await Promise.all(passwords.map(call))).map((r) => decodeMethodResponse(r.body)));
    const wrongChecked = answers.filter((a) => a.fault?.message === 'Incorrect username or password.').length;
    const signedIn = answers.filter((a) => a.fault === null).length;
    // What the throttle bounds is guesses: at most the limit of wrong passwords are checked. The right password
    // holds a slot while it is checked and then frees only its own (it was no failure), so when it finishes
    // before the burst does, one more wrong guess may take that slot: still within the limit of wrong ones.
    expect(wrongChecked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(signedIn).toBeLessThanOrEqual(1);
    expect(answers.filter((a) => a.fault?.code === 403 && /Too many failed/.test(a.fault.message))).toHaveLength(40 - wrongChecked - signedIn);

    // Whatever the success did, the burst plus everything after it within the same window (six tries two
    // minutes apart) adds up to at most the limit of wrong passwords checked.
    let later = 0;
    for (let i = 0; i < 6; i++) {
      t.clock.advance(MAX_DELAY_MS);
      const a = await decodeMethodResponse((await call(`later-${i}`)).body);
      if (a.fault?.message === 'Incorrect username or password.') later++;
    }
    expect(wrongChecked + later).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT_AND_IP);
  });
});

describe('guesses from other addresses cannot lock the owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const attackerIp = (i: number) => `203.0.113.${i + 1}`;
  const OWNER_IP = '198.51.100.20';

  async function loginFrom(ip: string, username: string, password: string) {
    const page = await t.app.inject({ url: '/admin/login', remoteAddress: ip, headers: { accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    return t.app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: ip,
      headers: { cookie: sessionCookie(page)!, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
    });
  }

  it('grows the wait per failure once the account has several, up to a cap', () => {
    expect(accountDelayMs(FREE_ACCOUNT_FAILURES - 1)).toBe(0);
    expect(accountDelayMs(FREE_ACCOUNT_FAILURES)).toBe(FIRST_DELAY_MS);
    expect(accountDelayMs(FREE_ACCOUNT_FAILURES + 3)).toBe(FIRST_DELAY_MS * 8);
    expect(accountDelayMs(FREE_ACCOUNT_FAILURES + 40)).toBe(MAX_DELAY_MS);
  });

  it('lets the owner sign in from their own address while 60 other addresses fail on the account', async () => {
    const owner = await createUser(t.ctx, 'admin', 'admin', 'the owner knows this one');
    for (let i = 0; i < 60; i++) {
      const res = await loginFrom(attackerIp(i), 'admin', `guess-${i}`);
      expect(res.statusCode).toBe(401);
    }
    const res = await loginFrom(OWNER_IP, 'admin', owner.password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
  });

  it('makes an address that already failed wait the growing delay, with a 429 login page that keeps the name', async () => {
    // An attacker address that failed once now owes the delay the account's 60 failures call for.
    const again = await loginFrom(attackerIp(0), 'admin', 'another guess');
    expect(again.statusCode).toBe(429);
    const wait = Number(again.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait * 1000).toBeLessThanOrEqual(MAX_DELAY_MS);
    expect(again.body).toContain('Too many failed login attempts. Wait');
    expect(again.body).toContain('value="admin"');
    expect(again.body).toContain('<form method="post" action="/admin/login"');

    // The owner mistypes once, is asked to wait, and after the wait (stepped on the clock) gets in.
    expect((await loginFrom(OWNER_IP, 'admin', 'typo')).statusCode).toBe(401);
    const waiting = await loginFrom(OWNER_IP, 'admin', 'the owner knows this one');
    expect(waiting.statusCode).toBe(429);
    t.clock.advance(Number(waiting.headers['retry-after']) * 1000);
    const in_ = await loginFrom(OWNER_IP, 'admin', 'the owner knows this one');
    expect(in_.statusCode).toBe(303);
  });

  it('answers a throttled XML-RPC login with fault 403 and the wait in words', async () => {
    const call = () => t.app.inject({ method: 'POST', url: '/xmlrpc', remoteAddress: attackerIp(1), headers: { 'content-type': 'text/xml' }, payload: encodeMethodCall('wp.getUsersBlogs', ['admin', 'guess']) });
    // This address's earlier failure is older than the delay by now: one more try, then a wait.
    expect((await decodeMethodResponse((await call()).body)).fault?.message).toBe('Incorrect username or password.');
    const answer = await decodeMethodResponse((await call()).body);
    expect(answer.fault?.code).toBe(403);
    expect(answer.fault?.message).toMatch(/^Too many failed login attempts\. Please wait \d+ (seconds|minutes) before trying again\.$/);
  });
});
