// `npm run seed:bench`: builds the two benchmark blogs (issue 11 point 6) in BENCH_DATA_DIR (default
// bench/data, never the user's data/): small.db with 100 posts and large.db with 100,000 posts and 1,000,000
// comments and linkbacks. Rows go in through the app's own repository functions (insertUser, insertPost,
// insertComment) inside write transactions of a few thousand rows, on a migrated database, so the schema, the
// triggers and whatever the repositories keep in step are the app's own. One post in each blog,
// "bench-post", has exactly 50 approved comments and 20 approved mentions, for the post-page figure.
// Usage: npm run seed:bench [-- small|large]   (both by default; an existing file is rebuilt).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { openDatabase, type DatabaseHandle, type Executor } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { writeTransaction } from '../src/db/write-transaction.js';
import type { CommentKind, CommentStatus, NewComment } from '../src/db/schema.js';
import { insertComment } from '../src/comments/repository.js';
import { insertPost } from '../src/posts/repository.js';
import { insertUser } from '../src/users/repository.js';
import { BENCH_POST_SLUG, benchDataDir, benchDatabase } from './bench-config.js';
import { seedTerms } from './seed-terms.js';


export const sizes = {
  small: { posts: 100, linkedComments: 1_000 },
  large: { posts: 100_000, linkedComments: 1_000_000 },
} as const;

const BATCH = 2_000;
const START = Date.UTC(2016, 0, 1);
const MINUTE = 60_000;

/** Deterministic pseudo-random numbers (mulberry32), so every seed builds the same blog. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = 'blog linkback reader comment archive feed webmention pingback trackback moderation draft publish theme permalink excerpt category tag server cache query index'.split(' ');
function sentence(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(r() * words.length)]);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function postBody(r: () => number, i: number): string {
  const paras = [1, 2, 3, 4].map(() => `<p>${sentence(r, 25)} ${sentence(r, 30)} ${sentence(r, 20)}</p>`);
  return `${paras[0]}\n${paras[1]}\n<!--more-->\n${paras[2]}\n<p>See <a href="https://example.org/ref/${i}">a reference</a>.</p>\n${paras[3]}`;
}

function comment(r: () => number, postId: number, at: number, kind: CommentKind, status: CommentStatus, n: number): NewComment {
  const iso = new Date(at).toISOString();
  const linkback = kind !== 'comment';
  return {
    post_id: postId,
    kind,
    status,
    status_before_trash: null,
    author_name: linkback ? `Other blog ${n % 5000}` : `Reader ${n % 20000}`,
    author_email: linkback ? '' : `reader${n % 20000}@example.org`,
    author_url: linkback ? `https://blog${n % 5000}.example/` : '',
    content: linkback ? `[…] ${sentence(r, 18)} […]` : `<p>${sentence(r, 12 + Math.floor(r() * 30))}</p>`,
    source_url: linkback ? `https://blog${n % 5000}.example/${n}/` : null,
    target_url: null,
    title: linkback ? sentence(r, 5) : null,
    excerpt: linkback ? sentence(r, 18) : null,
    ip: `198.51.${(n >> 8) & 255}.${n & 255}`,
    user_agent: 'seed',
    created_at: iso,
    updated_at: iso,
    verification_state: linkback ? 'verified' : 'unverified',
    verified_at: linkback ? iso : null,
    verification_note: null,
    moderation_reason: null,
  };
}

/** 85% approved, 10% pending, 5% spam; a fifth of the rows are linkbacks. */
function pick(r: () => number): { kind: CommentKind; status: CommentStatus } {
  const k = r();
  const kind: CommentKind = k < 0.8 ? 'comment' : k < 0.9 ? 'webmention' : k < 0.96 ? 'pingback' : 'trackback';
  const s = r();
  return { kind, status: s < 0.85 ? 'approved' : s < 0.95 ? 'pending' : 'spam' };
}

/**
 * The app's write transaction on a connection that is reopened every other transaction: the SQLite driver
 * prepares a new statement per query and better-sqlite3 13 keeps each one's native memory until the
 * connection closes (measured: ~5 KB for a plain insert, tens of KB for an insert into comments, whose
 * statement carries the triggers' programs), so one connection for a million inserts grows by gigabytes.
 */
class Seeder {
  private handle: DatabaseHandle;
  private used = 0;
  constructor(private readonly url: string) {
    this.handle = openDatabase(url);
  }
  get db() {
    return this.handle.db;
  }
  async transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T> {
    if (++this.used % 2 === 0) {
      await this.handle.close();
      this.handle = openDatabase(this.url);
    }
    return writeTransaction(this.handle.db, this.handle.dialect, fn);
  }
  close() {
    return this.handle.close();
  }
}

async function seed(ctx: Seeder, size: keyof typeof sizes): Promise<void> {
  const { posts, linkedComments } = sizes[size];
  const r = rng(42);
  const admin = await insertUser(ctx.db, { username: 'bench', displayName: 'Bench Admin', email: 'bench@example.org', passwordHash: 'x', role: 'admin', createdAt: new Date(START).toISOString() });
  const span = Date.UTC(2026, 0, 1) - START;
  const step = Math.floor(span / posts);
  const postIds: number[] = [];
  const postTimes: number[] = [];
  let benchPost = 0;
  for (let from = 0; from < posts; from += BATCH) {
    await ctx.transaction(async (trx) => {
      for (let i = from; i < Math.min(posts, from + BATCH); i++) {
        const at = START + i * step;
        const iso = new Date(at).toISOString();
        // The bench post is the newest but one, so the home page and feed show it like any other.
        const isBench = i === posts - 2;
        const p = await insertPost(trx, {
          author_id: admin.id,
          title: isBench ? 'The bench post' : sentence(r, 6).slice(0, -1),
          slug: isBench ? BENCH_POST_SLUG : `post-${i}`,
          content: postBody(r, i),
          excerpt: '',
          status: 'published',
          status_before_trash: null,
          published_at: iso,
          created_at: iso,
          updated_at: iso,
          comment_status: 'open',
          ping_status: 'open',
          to_ping: '',
          notify_links: 0,
        });
        postIds.push(p.id);
        postTimes.push(at);
        if (isBench) benchPost = p.id;
      }
    });
  }
  await seedTerms((fn) => ctx.transaction(fn), postIds, r);
  // The bench post's own 50 comments and 20 mentions, all approved.
  await ctx.transaction(async (trx) => {
    const at = postTimes[postIds.indexOf(benchPost)];
    for (let n = 0; n < 70; n++) {
      const kind: CommentKind = n < 50 ? 'comment' : n % 2 ? 'webmention' : 'pingback';
      await insertComment(trx, comment(r, benchPost, at + (n + 1) * MINUTE, kind, 'approved', n));
    }
  });
  const others = postIds.map((_, i) => i).filter((i) => postIds[i] !== benchPost);
  for (let from = 0; from < linkedComments; from += BATCH) {
    await ctx.transaction(async (trx) => {
      for (let n = from; n < Math.min(linkedComments, from + BATCH); n++) {
        const i = others[Math.floor(r() * others.length)];
        const { kind, status } = pick(r);
        const at = postTimes[i] + Math.floor(r() * 30 * 24 * 60) * MINUTE;
        await insertComment(trx, comment(r, postIds[i], at, kind, status, n + 100));
      }
    });
    if (from > 0 && (from / BATCH) % 50 === 0) console.error(`  ${size}: ${from.toLocaleString('en')} of ${linkedComments.toLocaleString('en')} comments, RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  }
}


async function main(): Promise<void> {
  const which = (process.argv[2] ? [process.argv[2]] : ['small', 'large']) as (keyof typeof sizes)[];
  for (const size of which) if (!(size in sizes)) throw new Error(`unknown size "${size}" (small or large)`);
  mkdirSync(benchDataDir, { recursive: true });
  for (const size of which) {
    const file = benchDatabase(size);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
    const started = performance.now();
    const seeder = new Seeder(`sqlite:${file}`);
    await migrateToLatest(seeder.db);
    await seed(seeder, size);
    await seeder.close();
    console.error(`${size}: ${sizes[size].posts.toLocaleString('en')} posts, ${(sizes[size].linkedComments + 70).toLocaleString('en')} comments and linkbacks in ${((performance.now() - started) / 1000).toFixed(0)} s → ${file}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
