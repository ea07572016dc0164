// Password guessing over XML-RPC hits the same throttle as the login form (per IP and per account), so the
// endpoint is no faster a way to guess; each call is one attempt, there is no multicall to batch them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoginThrottled, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, recordLoginFailure, THROTTLE_WINDOW_MS } from '../../src/users/login-throttle.js';
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
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT + 3; i++) {
      answers.push((await rpcFault(t, 'blogger.getUsersBlogs', ['', victim.username, `guess${i}`])).message);
    }
    expect(answers.slice(0, MAX_FAILURES_PER_ACCOUNT)).toEqual(Array(MAX_FAILURES_PER_ACCOUNT).fill('Incorrect username or password.'));
    expect(answers.at(-1)).toMatch(/Too many failed login attempts/);
    const right = await rpcFault(t, 'blogger.getUsersBlogs', ['', victim.username, victim.password]);
    expect(right).toEqual({ code: 403, message: expect.stringMatching(/Too many failed login attempts/) });
    // The login form asks the same question of the same table.
    expect(await isLoginThrottled(t.ctx.db, t.clock, '127.0.0.1', victim.username)).toBe(true);

    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    expect((await rpc(t, 'blogger.getUsersBlogs', ['', victim.username, victim.password])).fault).toBeNull();
  });

  it('stops one IP guessing across many accounts', async () => {
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await rpcFault(t, 'blogger.getUsersBlogs', ['', `nobody${i}`, 'x']);
    const user = await createUser(t.ctx, 'author');
    expect((await rpcFault(t, 'blogger.getUsersBlogs', ['', user.username, user.password])).message).toMatch(/Too many failed/);
  });

  it('counts failures from the login form too', async () => {
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    const user = await createUser(t.ctx, 'author');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await recordLoginFailure(t.ctx.db, t.clock, '198.51.100.7', user.username);
    expect((await rpcFault(t, 'blogger.getUsersBlogs', ['', user.username, user.password])).message).toMatch(/Too many failed/);
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    expect(await rpcOk<unknown[]>(t, 'blogger.getUsersBlogs', ['', user.username, user.password])).toHaveLength(1);
  });
});
