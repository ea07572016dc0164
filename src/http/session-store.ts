// @fastify/session store on the sessions table, so sessions survive restarts and are shared by every
// instance behind a load balancer.
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';

type Callback = (err?: unknown, value?: any) => void;

export class DatabaseSessionStore {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  set(sid: string, session: any, callback: Callback): void {
    const expires = session?.cookie?.expires ? new Date(session.cookie.expires) : new Date(this.clock.now().getTime() + 14 * 86_400_000);
    const data = JSON.stringify(session);
    const expires_at = expires.toISOString();
    this.db
      .insertInto('sessions')
      .values({ sid, data, expires_at })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sid: string, callback: Callback): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || new Date(row.expires_at) <= this.clock.now()) return callback(null, null);
        callback(null, JSON.parse(row.data));
      }, callback);
  }

  destroy(sid: string, callback: Callback): void {
    this.db.deleteFrom('sessions').where('sid', '=', sid).execute().then(() => callback(), callback);
  }
}
