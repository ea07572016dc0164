// @fastify/session store on the sessions table, so sessions survive restarts and are shared by every
// instance behind a load balancer. Expired rows are deleted by the daily maintenance job (src/maintenance).
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { deleteSession, findSession, saveSession } from './session-repository.js';

export { deleteExpiredSessions, deleteUserSessions } from './session-repository.js';

type Callback = (err?: unknown, value?: any) => void;

export const SESSION_MAX_AGE_MS = 14 * 86_400_000;

export class DatabaseSessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  set(sid: string, session: any, callback: Callback): void {
    const expires = session?.cookie?.expires ? new Date(session.cookie.expires) : new Date(this.clock.now().getTime() + SESSION_MAX_AGE_MS);
    const data = JSON.stringify(session);
    const expires_at = expires.toISOString();
    const userId = typeof session?.userId === 'number' ? session.userId : null;
    this.settle(
      saveSession(this.db, sid, data, expires_at, userId),
      () => undefined,
      callback,
    );
  }

  get(sid: string, callback: Callback): void {
    this.settle(
      findSession(this.db, sid),
      (row) => (!row || new Date(row.expires_at) <= this.clock.now() ? null : JSON.parse(row.data)),
      callback,
    );
  }

  destroy(sid: string, callback: Callback): void {
    this.settle(deleteSession(this.db, sid), () => undefined, callback);
  }

  /**
   * Hands the query's outcome to @fastify/session's callback outside the promise chain. The callback goes
   * on to finish the reply (onSend → writeHead), so a throw there used to reject this promise with nobody
   * listening: an unhandled rejection, and Node ends the process (issue 10 point 1). A throw now is logged
   * with the request still failing on its own, never the whole server.
   */
  private settle<T, R>(work: Promise<T>, map: (value: T) => R, callback: Callback): void {
    work.then(
      (value) => {
        let result: R;
        try {
          result = map(value);
        } catch (err) {
          return this.call(() => callback(err));
        }
        this.call(() => callback(null, result));
      },
      (err) => this.call(() => callback(err)),
    );
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ err }, 'session store callback threw');
    }
  }
}
