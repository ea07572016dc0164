// Where a message goes: through SMTP with nodemailer when SMTP_URL is set, else into the log as one
// structured JSON line ("log mail instead of sending"), so a fresh install works without a mail server.
// SMTP answers are classified for the job queue: 5yz is a permanent failure, 4yz and lost connections are
// tried again later (RFC 5321 §4.2.1, "permanent" and "transient negative completion").
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { PermanentFailure, RetryLater } from '../jobs/errors.js';
import type { Logger } from '../logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  readonly mode: 'smtp' | 'log';
  /** Sends one message; throws PermanentFailure or RetryLater (jobs/errors.ts) when it did not go. */
  send(message: MailMessage, log: Logger): Promise<void>;
  close(): void;
}

/** Bounds so a silent server never holds a job past its lease (WORKER_LEASE_SECONDS, 30 s by default). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createMailTransport(mail: Config['mail']): MailTransport {
  return mail.smtpUrl ? smtpTransport(mail.smtpUrl, mail.from) : logTransport(mail.from);
}

function logTransport(from: string): MailTransport {
  return {
    mode: 'log',
    async send(message, log) {
      log.info({ mail: { from, to: message.to, subject: message.subject, text: message.text } }, 'mail logged, not sent (SMTP_URL is not set)');
    },
    close() {},
  };
}

function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...TIMEOUTS });
  return {
    mode: 'smtp',
    async send(message, log) {
      try {
        const info = await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
        log.info({ mail: { to: message.to, subject: message.subject, messageId: info.messageId, response: info.response } }, 'mail sent');
      } catch (err) {
        const failure = classify(err);
        log.warn({ mail: { to: message.to, subject: message.subject }, err: failure.message, permanent: failure instanceof PermanentFailure }, 'mail not sent');
        throw failure;
      }
    },
    close: () => transporter.close(),
  };
}

/** The SMTP reply code decides: 5yz will fail again the same way, anything else may pass later. */
export function classify(err: unknown): PermanentFailure | RetryLater {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const what = [e.code, e.response ?? e.message].filter(Boolean).join(': ') || String(err);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) return new PermanentFailure(`SMTP refused: ${what}`);
  // A bad address nodemailer catches before talking to the server cannot get better either.
  if (e.code === 'EENVELOPE' && !e.responseCode) return new PermanentFailure(`bad envelope: ${what}`);
  return new RetryLater(`SMTP: ${what}`);
}
