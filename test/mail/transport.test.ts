// The two ways out: with no SMTP_URL each message becomes one structured JSON log line (the default, so a
// fresh install needs no mail server), and with one it goes through nodemailer to the server, a refusal
// logged with the server's answer. Also the configuration keys (SMTP_URL, MAIL_FROM).
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailTransport, classify } from '../../src/mail/transport.js';
import { PermanentFailure, RetryLater } from '../../src/jobs/errors.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp } from '../support/app.js';
import { makePost, readerCandidate } from '../comments/fixtures.js';
import { createUser } from '../support/app.js';
import { submitComment } from '../../src/comments/service.js';
import { saveSettings } from '../../src/settings/repository.js';

/** A real pino logger (what Fastify gives the app) writing its JSON lines into an array. */
function capturingLogger(): { log: Logger; lines: () => any[] } {
  const out: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { out.push(String(chunk)); cb(); } });
  const log = pino({ level: 'info' }, stream) as unknown as Logger;
  return { log, lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

let smtp: SmtpCatcher;
beforeAll(async () => (smtp = await startSmtpCatcher()));
afterAll(() => smtp.close());

describe('log mode (no SMTP_URL, the default)', () => {
  it('writes each message as one JSON line with from, to, subject and text, and sends nothing', async () => {
    const { log, lines } = capturingLogger();
    const transport = createMailTransport({ smtpUrl: null, from: 'Blog <blog@blog.test>' });
    expect(transport.mode).toBe('log');
    await transport.send({ to: 'ada@example.test', subject: '[Blog] Please moderate: "A post"', text: 'Approve it: http://blog.test/mail/comment/x\n' }, log);
    const [line] = lines();
    expect(line.level).toBe(30);
    expect(line.msg).toContain('SMTP_URL is not set');
    expect(line.mail).toEqual({ from: 'Blog <blog@blog.test>', to: 'ada@example.test', subject: '[Blog] Please moderate: "A post"', text: 'Approve it: http://blog.test/mail/comment/x\n' });
    expect(smtp.mails).toHaveLength(0);
  });

  it('is what a whole app uses without SMTP_URL: a held comment\'s notice job finishes without a server', async () => {
    const t = await createTestApp();
    try {
      const admin = await createUser(t.ctx, 'admin', 'logged');
      const post = await makePost(t.ctx, admin.id);
      await saveSettings(t.ctx.db, { comment_moderation: true });
      await submitComment(t.ctx, post, readerCandidate(post.id));
      await t.app.worker.runUntilIdle();
      const jobs = await t.ctx.db.selectFrom('jobs').select(['type', 'status']).where('type', 'like', 'mail.%').execute();
      expect(jobs.map((j) => [j.type, j.status]).sort()).toEqual([['mail.comment', 'done'], ['mail.comment-notice', 'done']]);
      expect(smtp.mails).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});

describe('SMTP mode', () => {
  it('sends through the server and logs the message id; a refusal is logged with the answer and classified', async () => {
    const { log, lines } = capturingLogger();
    const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Blog <blog@blog.test>' });
    try {
      await transport.send({ to: 'ada@example.test', subject: 'Hello', text: 'Body' }, log);
      expect(smtp.mails.map((m) => [m.to, m.subject, m.text.trim()])).toEqual([[['ada@example.test'], 'Hello', 'Body']]);
      expect(lines()[0].msg).toBe('mail sent');
      expect(lines()[0].mail.messageId).toBeTruthy();

      smtp.refuse = { code: 550, message: 'No such user' };
      await expect(transport.send({ to: 'gone@example.test', subject: 'Hello', text: 'Body' }, log)).rejects.toBeInstanceOf(PermanentFailure);
      const refused = lines().at(-1);
      expect(refused.level).toBe(40);
      expect(refused.msg).toBe('mail not sent');
      expect(refused.err).toMatch(/550/);
      expect(refused.permanent).toBe(true);
    } finally {
      smtp.refuse = null;
      transport.close();
    }
  });

  it('a server that is not there is retried later, not given up', () => {
    expect(classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBeInstanceOf(RetryLater);
    expect(classify(Object.assign(new Error('busy'), { responseCode: 421 }))).toBeInstanceOf(RetryLater);
    expect(classify(Object.assign(new Error('no'), { responseCode: 554 }))).toBeInstanceOf(PermanentFailure);
  });
});

describe('configuration', () => {
  const env = (extra: Record<string, string>) => ({ DATA_DIR: 'data/test', SESSION_SECRET: 'x'.repeat(40), ...extra });
  it('defaults to log mode and a from address on the site\'s host', () => {
    const c = loadConfig(env({ SITE_URL: 'https://www.example.org' }), '/nonexistent');
    expect(c.mail).toEqual({ smtpUrl: null, from: 'Backtalk <backtalk@example.org>' });
  });
  it('takes SMTP_URL and MAIL_FROM, and refuses a URL that is not smtp:// or smtps://', () => {
    const c = loadConfig(env({ SMTP_URL: 'smtps://user:pass@mail.example.org:465', MAIL_FROM: 'My Blog <me@example.org>' }), '/nonexistent');
    expect(c.mail).toEqual({ smtpUrl: 'smtps://user:pass@mail.example.org:465', from: 'My Blog <me@example.org>' });
    expect(() => loadConfig(env({ SMTP_URL: 'http://mail.example.org' }), '/nonexistent')).toThrow(ConfigError);
    expect(() => loadConfig(env({ SMTP_URL: 'http://mail.example.org' }), '/nonexistent')).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
