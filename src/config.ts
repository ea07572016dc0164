// The only reader of process.env: a zod schema turns the environment (and an optional .env file) into a
// frozen Config, or one error naming every bad key.
import { z } from 'zod';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse as parseDotenv } from 'dotenv';
import { projectRoot } from './paths.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SITE_URL: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  ADMIN_USER: z.string().min(1).max(60).optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('data'),
  // Jobs are I/O-bound (a linkback waits on a remote server for most of its life), so many run at once;
  // the per-host limit, not this one, is what keeps us polite to each remote blog (issue 11 point 5).
  WORKER_CONCURRENCY: z.coerce.number({ message: 'must be a number' }).int().min(0).max(256).default(64),
  WORKER_PER_HOST: z.coerce.number({ message: 'must be a number' }).int().min(1).max(64).default(2),
  WORKER_LEASE_SECONDS: z.coerce.number({ message: 'must be a number' }).min(1).max(3600).default(30),
  WORKER_DRAIN_SECONDS: z.coerce.number({ message: 'must be a number' }).min(0).max(3600).default(10),
  OUTBOUND_ALLOW_PRIVATE: bool.default(false),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((raw, c) => {
      const parsed = parseTrustProxy(raw);
      if (parsed.ok) return parsed.value;
      c.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
  INBOUND_PER_IP_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100_000).default(60),
  INBOUND_PER_SOURCE_HOST_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100_000).default(30),
  PAGE_CACHE: bool.default(true),
  // Where uploads live: the local folder, or the database (chunked rows) that several instances share.
  MEDIA_STORAGE: z.enum(['auto', 'local', 'database']).default('auto'),
  PAGE_CACHE_MB: z.coerce.number({ message: 'must be a number' }).int().min(1).max(4096).default(64),
  // The largest WordPress export (and uploads zip) an import takes, in the admin and on the command line.
  IMPORT_MAX_MB: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1_048_576).default(2048),
  // Mail (issue 16 point 3): no SMTP_URL means "log mail instead of sending", so a fresh install needs no server.
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL (smtp://user:pass@host:587)' })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(300).refine((v) => !/[\r\n]/.test(v), 'must be one line').optional(),
});

export type Config = Readonly<{
  /** URLs per sitemap file (sitemaps.org: at most 50,000); only tests set it, to prove the split. */
  sitemapMaxUrls?: number;
  port: number;
  host: string;
  siteUrl: string;
  databaseUrl: string;
  dataDir: string;
  admin: { user: string; password: string; email: string } | null;
  sessionSecret: string;
  /** False when the secret was generated into data/: fine for one instance, wrong for several (issue 18). */
  sessionSecretFromEnv: boolean;
  logLevel: string;
  workerConcurrency: number;
  workerPerHost: number;
  /** How long a claimed job stays leased without a heartbeat; a crashed worker's jobs wait this long at most. */
  workerLeaseMs: number;
  /** On SIGTERM, how long running jobs may take to finish before their leases are handed back. */
  workerDrainMs: number;
  outboundAllowPrivate: boolean;
  /** Fastify's trustProxy: false, true (dangerous, see README), a hop count, or proxy addresses/CIDRs. */
  trustProxy: TrustProxy;
  /** Inbound linkback requests allowed per client IP, and per source host, in a sliding minute. */
  inboundPerIpPerMinute: number;
  inboundPerSourceHostPerMinute: number;
  /** In-process cache of rendered anonymous pages (http/page-cache.ts), and its size bound in bytes. */
  pageCache: boolean;
  pageCacheBytes: number;
  /** Media storage (issue 14): auto is the database on PostgreSQL, the DATA_DIR/uploads folder on SQLite. */
  mediaStorage: 'auto' | 'local' | 'database';
  /** Import (issue 17): the largest export file, and uploads zip, accepted; larger ones are refused whole. */
  importMaxBytes: number;
  /** Outgoing mail: an SMTP URL, or null to write each message to the log instead (src/mail/transport.ts). */
  mail: { smtpUrl: string | null; from: string };
}>;

export class ConfigError extends Error {}

/** Reads `.env` (if any) under the project root without touching process.env, then validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = projectRoot): Config {
  const dotenvPath = resolve(root, '.env');
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  for (const k of Object.keys(merged)) if (merged[k] === '') delete merged[k];

  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(root, e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'backtalk.db')}`;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    siteUrl: (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl,
    dataDir,
    admin: e.ADMIN_USER && e.ADMIN_PASSWORD ? { user: e.ADMIN_USER, password: e.ADMIN_PASSWORD, email: e.ADMIN_EMAIL ?? '' } : null,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(dataDir),
    sessionSecretFromEnv: e.SESSION_SECRET !== undefined,
    logLevel: e.LOG_LEVEL,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerPerHost: e.WORKER_PER_HOST,
    workerLeaseMs: Math.round(e.WORKER_LEASE_SECONDS * 1000),
    workerDrainMs: Math.round(e.WORKER_DRAIN_SECONDS * 1000),
    outboundAllowPrivate: e.OUTBOUND_ALLOW_PRIVATE,
    trustProxy: e.TRUST_PROXY,
    inboundPerIpPerMinute: e.INBOUND_PER_IP_PER_MINUTE,
    inboundPerSourceHostPerMinute: e.INBOUND_PER_SOURCE_HOST_PER_MINUTE,
    pageCache: e.PAGE_CACHE,
    pageCacheBytes: e.PAGE_CACHE_MB * 1_048_576,
    mediaStorage: e.MEDIA_STORAGE,
    importMaxBytes: e.IMPORT_MAX_MB * 1_048_576,
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM ?? defaultFrom(e.SITE_URL ?? `http://localhost:${e.PORT}`) },
  });
}

/** WordPress sends from wordpress@<site host> (wp_mail); ours says backtalk@<site host>. */
export function defaultFrom(siteUrl: string): string {
  const host = new URL(siteUrl).hostname.replace(/^www\./, '');
  return `Backtalk <backtalk@${host.includes('.') ? host : `${host}.localdomain`}>`;
}

/**
 * The start-up warning for several instances on one PostgreSQL without a shared SESSION_SECRET: each would
 * sign cookies with its own generated secret, so users are logged out whenever the balancer switches.
 */
export function unsharedSecretWarning(config: Config): string | null {
  if (config.sessionSecretFromEnv || config.databaseUrl.startsWith('sqlite:')) return null;
  return 'DATABASE_URL is PostgreSQL but SESSION_SECRET is not set: this instance signs sessions with its own generated secret, so with several instances users are logged out when the balancer switches. Set the same SESSION_SECRET on every instance.';
}

/** A secret generated on first start and kept under data/, so `npm start` needs no set-up. */
function persistedSecret(dataDir: string): string {
  const file = resolve(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Config for tests: no .env, no files, everything explicit. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    port: 0,
    host: '127.0.0.1',
    siteUrl: 'http://blog.test',
    databaseUrl: 'sqlite::memory:',
    dataDir: resolve(projectRoot, 'data', 'test'),
    admin: null,
    sessionSecret: 'test-secret-test-secret-test-secret-0123456789',
    sessionSecretFromEnv: true,
    logLevel: 'silent',
    workerConcurrency: 4,
    workerPerHost: 2,
    workerLeaseMs: 30_000,
    workerDrainMs: 10_000,
    outboundAllowPrivate: true,
    trustProxy: false,
    // Smaller than production so the flood tests stay short.
    inboundPerIpPerMinute: 20,
    inboundPerSourceHostPerMinute: 10,
    pageCache: true,
    pageCacheBytes: 8 * 1_048_576,
    mediaStorage: 'auto',
    importMaxBytes: 2048 * 1_048_576,
    mail: { smtpUrl: null, from: 'Backtalk <backtalk@blog.test>' },
    ...overrides,
  });
}
