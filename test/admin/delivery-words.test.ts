import { describe, expect, it } from 'vitest';
import { answerInWords, deliveryInWords } from '../../src/admin/delivery-words.js';

describe('the delivery log in words', () => {
  it('says what a refused connection means, and when the next try is in the site timezone', () => {
    const d = { state: 'retrying', target_url: 'https://example.org/post', last_answer: 'network: example.org: ECONNREFUSED connect ECONNREFUSED 93.184.216.34:443', next_attempt_at: '2026-11-30T13:05:00.000Z' };
    expect(deliveryInWords(d, 'Europe/Paris')).toBe('Could not connect to example.org (connection refused); next try at 14:05');
  });

  it('reads timeouts, unknown hosts, HTTP errors, blocked addresses and giving up', () => {
    const url = 'http://blog.example/x';
    expect(answerInWords('timeout: timed out fetching blog.example', url)).toBe('blog.example did not answer in time');
    expect(answerInWords('network: blog.example: ENOTFOUND getaddrinfo ENOTFOUND blog.example', url)).toBe('Could not connect to blog.example (no such host name)');
    expect(answerInWords('HTTP 503 Service Unavailable', url)).toBe('blog.example answered with an error (HTTP 503)');
    expect(answerInWords('blocked: refused to connect to blog.example (private address)', url)).toBe('Not sent: blog.example is not a public address');
    expect(answerInWords('gave up after 5 attempts: network: blog.example: ECONNRESET socket hang up', url)).toBe('Gave up after 5 tries. Could not connect to blog.example (the connection was cut)');
  });

  it('leaves what the other blog said as it said it', () => {
    expect(deliveryInWords({ state: 'sent', target_url: 'http://a.example/', last_answer: 'Pingback registered', next_attempt_at: null }, 'UTC')).toBe('Pingback registered');
  });
});
