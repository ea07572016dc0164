// Settings → Discussion for issue 19: the WebSub hubs (URLs, one a line) and the length kept of a mention's
// mf2 content, saved when valid and refused with the typed text kept when not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { loadSettings } from '../../src/settings/repository.js';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, await createUser(t.ctx, 'admin'));
});
afterAll(() => t.close());

const PAGE = '/admin/settings/discussion';
const send = (fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: PAGE, headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: admin.form(fields) });

async function currentForm(): Promise<Record<string, string>> {
  const html = (await t.app.inject({ url: PAGE, headers: admin.headers })).body;
  const main = html.slice(0, html.indexOf('id="existing-posts"'));
  const out: Record<string, string> = {};
  for (const m of main.matchAll(/<input type="checkbox" name="(\w+)" value="1"( checked)?>/g)) if (m[2]) out[m[1]] = '1';
  for (const m of main.matchAll(/<input id="(\w+)" name="\w+"[^>]*value="([^"]*)"/g)) out[m[1]] = m[2];
  for (const m of main.matchAll(/<textarea id="(\w+)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]] = m[2];
  for (const m of main.matchAll(/<select id="(\w+)"[^>]*>[\s\S]*?<option value="(\w+)" selected>/g)) out[m[1]] = m[2];
  return out;
}

describe('discussion settings, semantic linkbacks and WebSub', () => {
  it('saves hubs and the mention length, and refuses a bad URL or length keeping what was typed', async () => {
    const form = await currentForm();
    expect(form).toMatchObject({ websub_hubs: '', mention_content_length: '500' });
    const bad = await send({ ...form, websub_hubs: 'https://hub.example/\nnot a url', mention_content_length: '10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Line 2 (“not a url”) is not an http:// or https:// URL.');
    expect(bad.body).toContain('Enter a whole number from 50 to 5000.');
    expect(bad.body).toContain('not a url</textarea>');
    const ok = await send({ ...form, websub_hubs: 'https://hub.example/\nhttps://hub.example/\nhttp://127.0.0.1:9/hub', mention_content_length: '280' });
    expect(ok.statusCode).toBe(303);
    expect(await loadSettings(t.ctx.db)).toMatchObject({ websub_hubs: ['https://hub.example/', 'http://127.0.0.1:9/hub'], mention_content_length: 280 });
  });
});
