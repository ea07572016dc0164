// The one host matcher behind the blocked, trusted and outbound deny lists (issue 12 point 3).
import { describe, expect, it } from 'vitest';
import { hostInList, hostOf } from '../../src/net/hosts.js';

describe('hostInList', () => {
  it('matches a host and its subdomains, case-insensitively, and nothing else', () => {
    expect(hostInList('Spam.Example', ['spam.example'])).toBe('spam.example');
    expect(hostInList('a.spam.example', ['spam.example'])).toBe('spam.example');
    expect(hostInList('www.spam.example', ['spam.example'])).toBe('spam.example');
    expect(hostInList('notspam.example', ['spam.example'])).toBeUndefined();
    expect(hostInList('x.test', ['*.x.test'])).toBe('*.x.test');
    expect(hostInList('x.test', [])).toBeUndefined();
    expect(hostInList(null, ['x.test'])).toBeUndefined();
  });

  it('names the entry as written, ignores blank entries, trailing dots and IPv6 brackets', () => {
    expect(hostInList('blog.example.', ['', '  Example.  '])).toBe('Example.');
    expect(hostInList('::1', ['[::1]'])).toBe('[::1]');
  });
});

describe('hostOf', () => {
  it('is the lower-case host of an http(s) URL without port, brackets or trailing dot', () => {
    expect(hostOf('https://Blog.Example.:8443/x')).toBe('blog.example');
    expect(hostOf('http://[::1]:8080/')).toBe('::1');
    expect(hostOf('ftp://blog.example/')).toBeNull();
    expect(hostOf('not a url')).toBeNull();
    expect(hostOf(null)).toBeNull();
  });
});
