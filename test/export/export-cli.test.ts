// `npm run export`: a separate process reads the blog's database and writes the WXR file, to a file or to
// standard output; a bad argument gets the usage and exit code 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createPost } from '../../src/posts/service.js';
import { createUser } from '../support/app.js';
import { testDialect } from '../support/database.js';
import { runEntry } from '../support/spawned.js';
import { field, readWxr } from '../support/wxr-read.js';

const run = (args: string[], env: Record<string, string>) => runEntry('src/export/export-cli.ts', env, args);

describe.runIf(testDialect === 'sqlite')('npm run export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backtalk-export-'));
  const env = { DATABASE_URL: `sqlite:${join(dir, 'blog.db')}`, DATA_DIR: dir, SITE_URL: 'http://harbour.test' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const database = openDatabase(env.DATABASE_URL);
    const app = await buildApp(testConfig({ databaseUrl: env.DATABASE_URL, siteUrl: env.SITE_URL }), { database });
    const admin = await createUser(app.ctx, 'admin', 'keeper');
    const r = await createPost(app.ctx, admin, { title: 'From the command line 🌊', content: '<p>Hello</p>', status: 'published', date: '2025-05-01T09:00:00Z' });
    if (!r.ok) throw new Error('seed');
    await app.close();
    await database.close();
  });

  it('writes the file given', async () => {
    const out = join(dir, 'out.xml');
    const { code, stderr } = await run([out], env);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('backtalk.WordPress.');
    const doc = readWxr(readFileSync(out, 'utf8'));
    expect(field(doc.channel, 'wp:base_site_url')).toBe('http://harbour.test');
    expect(doc.items.map((i) => field(i, 'title'))).toEqual(['From the command line 🌊']);
    expect(field(doc.items[0]!, 'link')).toBe('http://harbour.test/2025/05/01/from-the-command-line/');
  });

  it('writes to standard output without a file, and nothing else there', async () => {
    const { code, stdout, stderr } = await run([], env);
    expect(code, stderr).toBe(0);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8" ?>')).toBe(true);
    expect(readWxr(stdout).items).toHaveLength(1);
  });

  it('answers a bad argument with the usage', async () => {
    const { code, stdout, stderr } = await run(['--everything', 'x.xml'], env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: npm run export');
  });
});
