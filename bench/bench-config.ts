// Shared by the benchmark scripts: where the seeded blogs live (never the user's data/), and the session
// secret they are served with (so bench/pages.ts can sign an admin session cookie).
import { join, resolve } from 'node:path';
import { projectRoot } from '../src/paths.js';

export const benchDataDir = resolve(projectRoot, process.env.BENCH_DATA_DIR ?? join('bench', 'data'));
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
export const BENCH_POST_SLUG = 'bench-post';
export const benchDatabase = (size: 'small' | 'large') => join(benchDataDir, `${size}.db`);
