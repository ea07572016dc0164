import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'backtalk-config-'));

describe('loadConfig', () => {
  it('needs nothing: defaults give a working local blog and a persisted session secret', () => {
    const root = fresh();
    const c = loadConfig({}, root);
    expect(c.port).toBe(3000);
    expect(c.siteUrl).toBe('http://localhost:3000');
    expect(c.databaseUrl).toBe(`sqlite:${join(root, 'data', 'backtalk.db')}`);
    expect(c.outboundAllowPrivate).toBe(false);
    expect(c.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(root, 'data', 'session-secret'), 'utf8').trim()).toBe(c.sessionSecret);
    expect(loadConfig({}, root).sessionSecret).toBe(c.sessionSecret);
  });

  it('derives SITE_URL from PORT and strips a trailing slash from an explicit one', () => {
    const root = fresh();
    expect(loadConfig({ PORT: '8080' }, root).siteUrl).toBe('http://localhost:8080');
    expect(loadConfig({ SITE_URL: 'https://blog.example/' }, root).siteUrl).toBe('https://blog.example');
  });

  it('names every bad key and why in one error', () => {
    const root = fresh();
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', SITE_URL: 'ftp://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short', OUTBOUND_ALLOW_PRIVATE: 'maybe' }, root);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const key of ['PORT', 'SITE_URL', 'LOG_LEVEL', 'SESSION_SECRET', 'OUTBOUND_ALLOW_PRIVATE']) expect(message).toContain(key);
  });

  it('reads an optional .env file, and the environment wins over it', () => {
    const root = fresh();
    writeFileSync(join(root, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n');
    const c = loadConfig({ LOG_LEVEL: 'warn' }, root);
    expect(c.port).toBe(4000);
    expect(c.logLevel).toBe('warn');
  });

  it('creates the admin only when both user and password are given', () => {
    const root = fresh();
    expect(loadConfig({ ADMIN_USER: 'ann' }, root).admin).toBeNull();
    expect(loadConfig({ ADMIN_USER: 'ann', ADMIN_PASSWORD: 'long-enough' }, root).admin).toMatchObject({ user: 'ann' });
  });

  it('reads TRUST_PROXY in every form Fastify accepts: boolean, hop count, proxy addresses and CIDR ranges', () => {
    const root = fresh();
    const trust = (v: string) => loadConfig({ TRUST_PROXY: v }, root).trustProxy;
    expect(loadConfig({}, root).trustProxy).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.1')).toEqual(['10.0.0.1']);
    expect(trust('10.0.0.1, 192.168.0.0/16,::1,fd00::/8, loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses a TRUST_PROXY it cannot read, naming the key and the entry', () => {
    const root = fresh();
    for (const bad of ['maybe', '10.0.0.1/33', '999.1.1.1', '10.0.0.1,,nope', '65', '::1/129', '10.0.0.0/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, root), bad).toThrow(ConfigError);
      try {
        loadConfig({ TRUST_PROXY: bad }, root);
      } catch (err) {
        expect((err as Error).message, bad).toContain('TRUST_PROXY');
      }
    }
  });
});
