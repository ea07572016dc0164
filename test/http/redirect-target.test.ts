// The one rule for redirect targets built from input (issue 10 point 1): same origin, percent-encoded,
// never a character Node refuses in a header.
import { validateHeaderValue } from 'node:http';
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../src/http/redirect-target.js';
import { safeNext } from '../../src/admin/safe-next.js';
import { safeListUrl } from '../../src/admin/posts-list.js';

const admin = { fallback: '/admin', within: '/admin' };

describe('safeRedirectPath', () => {
  it('percent-encodes non-ASCII paths, raw or already encoded, into one sendable form', () => {
    expect(safeRedirectPath('/admin/%E3%80%82', admin)).toBe('/admin/%E3%80%82');
    expect(safeRedirectPath('/admin/\u3002', admin)).toBe('/admin/%E3%80%82');
    expect(safeRedirectPath('/admin/posts?s=caf\u00e9 \u{1F4A5}#n\u00e4', admin)).toBe('/admin/posts?s=caf%C3%A9%20%F0%9F%92%A5#n%C3%A4');
    expect(safeRedirectPath('/admin/\u00ff', admin)).toBe('/admin/%C3%BF');
  });

  it('refuses other hosts in every spelling', () => {
    const hostile = [
      '//evil.example/admin',
      '/\\evil.example/admin',
      '\\\\evil.example',
      '/%2F%2Fevil.example',
      '%2F%2Fevil.example',
      '/%5Cevil.example',
      '/%5cevil.example',
      '/%252F%252Fevil.example',
      'https://evil.example/admin',
      'http:/evil.example/admin',
      'HTTP://evil.example',
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '/admin@evil.example',
      'evil.example/admin',
      '/\u3002evil.example',
    ];
    for (const bad of hostile) {
      const out = safeRedirectPath(bad, { fallback: '/' });
      expect(out.startsWith('/') && !out.startsWith('//') && !out.includes('\\'), bad).toBe(true);
      expect(out.includes('evil.example') && !out.startsWith('/'), bad).toBe(false);
    }
    for (const bad of hostile.filter((x) => !x.startsWith('/admin@'))) expect(safeRedirectPath(bad, admin), bad).toBe('/admin');
  });

  it('refuses CR, LF and other control characters, raw or encoded', () => {
    for (const bad of ['/admin\r\nSet-Cookie: a=1', '/admin%0D%0ASet-Cookie:%20a=1', '/admin/\t', '/admin/%00', '/admin/\u007f', '/admin/%E3%80']) {
      expect(safeRedirectPath(bad, admin), JSON.stringify(bad)).toBe('/admin');
    }
  });

  it('keeps the target under its scope after dot-segments are resolved', () => {
    expect(safeRedirectPath('/admin/../etc', admin)).toBe('/admin');
    expect(safeRedirectPath('/administrator', admin)).toBe('/admin');
    expect(safeRedirectPath('/admin/./posts?status=draft', admin)).toBe('/admin/posts?status=draft');
    expect(safeRedirectPath(undefined, admin)).toBe('/admin');
    expect(safeRedirectPath(['/admin/posts'], admin)).toBe('/admin');
    expect(safeRedirectPath('/admin/' + 'x'.repeat(5000), admin)).toBe('/admin');
  });

  it('always answers a value Node accepts in a Location header', () => {
    const inputs = ['/admin/\u3002', '/admin/%E3%80%82', '/admin/\u{1F4A5}?q=\u00e9', '/admin/"<>`{}|^', '/admin/%FF', '/admin/\u0100'];
    for (const input of inputs) {
      const out = safeRedirectPath(input, admin);
      expect(() => validateHeaderValue('location', out), input).not.toThrow();
      expect(out, input).toMatch(/^[\x21-\x7e]+$/);
    }
  });

  it('is what safeNext and the posts list use', () => {
    expect(safeNext('/admin/%E3%80%82')).toBe('/admin/%E3%80%82');
    expect(safeNext('//evil.example', '/admin/deliveries')).toBe('/admin/deliveries');
    expect(safeListUrl('/admin/posts?status=trash&s=\u3002')).toBe('/admin/posts?status=trash&s=%E3%80%82');
    expect(safeListUrl('/admin/posts/5/edit')).toBe('/admin/posts');
    expect(safeListUrl('/%2F%2Fevil.example')).toBe('/admin/posts');
  });
});
