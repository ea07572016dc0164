// The server side of `npm run bench:media` (bench/media-uploads.ts): the real app on a SQLite file in a temp
// folder with a signed-in admin session, listening on 127.0.0.1. Prints {port, cookie, csrf} as its first
// line. Its worker runs in-process as on a real server (the size jobs run while and after the uploads); it
// stops on SIGTERM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Signer } from '@fastify/cookie';
import CsrfTokens from '@fastify/csrf';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { insertUser } from '../src/users/repository.js';
import { hashPassword } from '../src/users/passwords.js';
import { saveSettings } from '../src/settings/repository.js';

const dataDir = mkdtempSync(join(tmpdir(), 'backtalk-bench-media-'));
const config = testConfig({ dataDir, databaseUrl: `sqlite:${join(dataDir, 'bench.db')}`, logLevel: 'silent', siteUrl: 'http://127.0.0.1' });
const app = await buildApp(config, { startWorker: true });
// BENCH_MEDIA_WEBP=1: the sizes job also makes the WebP copies (the heavier setting).
if (process.env.BENCH_MEDIA_WEBP === '1') await saveSettings(app.ctx.db, { media_webp: true });
const now = new Date().toISOString();
const user = await insertUser(app.ctx.db, { username: 'bench', displayName: 'Bench', email: 'bench@example.test', passwordHash: await hashPassword('bench bench bench'), role: 'admin', createdAt: now });
const sid = randomBytes(24).toString('base64url');
const tokens = CsrfTokens();
const secret = tokens.secretSync();
const expires = new Date(Date.now() + 86_400_000).toISOString();
await app.ctx.db.insertInto('sessions').values({ sid, data: JSON.stringify({ cookie: { originalMaxAge: 86_400_000, expires, httpOnly: true, path: '/' }, userId: user.id, _csrf: secret }), expires_at: expires }).execute();
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ port: Number(new URL(address).port), cookie: `backtalk_session=${encodeURIComponent(new Signer(config.sessionSecret, 'sha256').sign(sid))}`, csrf: tokens.create(secret), dataDir }));

process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
