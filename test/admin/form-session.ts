// For tests of the pages used before signing in (setup, login): fetch the form like a browser, keep its
// session cookie and CSRF token, and post url-encoded fields back with them.
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../support/app.js';

export interface FormSession {
  cookie: string;
  csrf: string;
  post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
}

export function sessionCookie(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((x) => x.name === 'backtalk_session');
  return c ? `backtalk_session=${c.value}` : null;
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field in the page');
  return m[1];
}

export async function openForm(t: TestApp, url: string, cookie?: string): Promise<FormSession> {
  const page = await t.app.inject({ url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  if (page.statusCode !== 200) throw new Error(`GET ${url} answered ${page.statusCode}`);
  const s: FormSession = {
    cookie: sessionCookie(page) ?? cookie ?? '',
    csrf: csrfFrom(page.body),
    post: (to, fields) => {
      const body = new URLSearchParams({ ...fields, _csrf: s.csrf }).toString();
      return t.app.inject({ method: 'POST', url: to, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    },
    get: (to) => t.app.inject({ url: to, headers: { cookie: s.cookie, accept: 'text/html' } }),
  };
  return s;
}
