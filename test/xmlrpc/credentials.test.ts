// Password guessing over XML-RPC hits the same throttle as the login form (per address, per account and
// address, and the account's growing delay), so the endpoint is no faster a way to guess; each call is one
// attempt, there is no multicall to batch them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ACCOUNT_AND_IP, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MS } from '../../src/users/login-throttle.js';
import { openForm } from '../admin/form-session.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpc, rpcFault, rpcOk } from './client.js';

describe('XML-RPC credentials and the shared login throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stops a guessing loop on one account, even once the right password comes, until the window passes', async () => {
    const victim = await createUser(t.ctx, 'admin');
    const answers: string[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP + 3; i++) {
      answers.push((await rpcFault(t, 'blogger.getUsersBlogs', ['', victim.username, `guess${i}`])).message);
    }
    expect(answers.slice(0, MAX_FAILURES_PER_ACCOUNT_AND_IP)).toEqual(Array(MAX_FAILURES_PER_ACCOUNT_AND_IP).fill('Incorrect username or password.'));
    expect(answers.at(-1)).toBe('Too many failed login attempts. Please wait 15 minutes before trying again.');
    // WordPress answers every refused login with fault 403.
    const right = await rpcFault(t, 'blogger.getUsersBlogs', ['', victim.username, victim.password]);
    expect(right).toEqual({ code: 403, message: expect.stringMatching(/Too many failed login attempts/) });

    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    expect((await rpc(t, 'blogger.getUsersBlogs', ['', victim.username, victim.password])).fault).toBeNull();
  });

  it('stops one address guessing across many accounts', async () => {
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await rpcFault(t, 'blogger.getUsersBlogs', ['', `nobody${i}`, 'x']);
    const user = await createUser(t.ctx, 'author');
    expect((await rpcFault(t, 'blogger.getUsersBlogs', ['', user.username, user.password])).message).toMatch(/Too many failed/);
  });

  it('counts failures from the login form too', async () => {
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    const user = await createUser(t.ctx, 'author');
    const f = await openForm(t, '/admin/login');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) expect((await f.post('/admin/login', { username: user.username, password: `no${i}` })).statusCode).toBe(401);
    expect((await rpcFault(t, 'blogger.getUsersBlogs', ['', user.username, user.password])).message).toMatch(/Too many failed/);
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    expect(await rpcOk<unknown[]>(t, 'blogger.getUsersBlogs', ['', user.username, user.password])).toHaveLength(1);
  });
});
