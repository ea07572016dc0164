// `npm run bench:import [-- MB]` (issue 17): the time and peak memory of `npm run import` on a large
// WordPress export. Makes bench/data/large-<MB>mb.xml (bench/make-large-wxr.ts, default 200 MB) if it is not
// there, migrates a fresh SQLite blog in a temporary DATA_DIR, then runs the import command line in its own
// process under GNU time (`/usr/bin/time -v`: wall clock and the kernel's maximum resident set size).
// BENCH_IMPORT_NODE_OPTIONS (e.g. --max-old-space-size=128) is passed to that process, to show the import
// fits a small heap. Prints the figures and the import's report; record them in bench/RESULTS.md by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

const mb = Number(process.argv[2] ?? 200);
const file = join(projectRoot, 'bench', 'data', `large-${mb}mb.xml`);
const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, script), ...args], { cwd: projectRoot, env, encoding: 'utf8', maxBuffer: 64 * 1_048_576 });

if (!existsSync(file)) {
  const made = tsx('bench/make-large-wxr.ts', [String(mb), file], process.env);
  if (made.status !== 0) throw new Error(made.stderr);
}
const dataDir = mkdtempSync(join(tmpdir(), 'backtalk-bench-import-'));
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_USER: 'admin', ADMIN_PASSWORD: 'bench-import-password', SITE_URL: 'http://127.0.0.1:3000' };
try {
  const migrated = tsx('src/db/migrate-cli.ts', [], env);
  if (migrated.status !== 0) throw new Error(migrated.stderr);
  const nodeOptions = process.env.BENCH_IMPORT_NODE_OPTIONS ? [process.env.BENCH_IMPORT_NODE_OPTIONS] : [];
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, ...nodeOptions, '--import', 'tsx', join(projectRoot, 'src/import/import-cli.ts'), file], { cwd: projectRoot, env, encoding: 'utf8', maxBuffer: 64 * 1_048_576 });
  const figure = (label: string) => new RegExp(`${label}: (.+)`).exec(run.stderr)?.[1]?.trim() ?? '?';
  console.log(run.stdout.trim());
  console.log(`\nFile: ${(statSync(file).size / 1_048_576).toFixed(1)} MB; exit ${run.status}; node options: ${nodeOptions.join(' ') || '(none)'}`);
  console.log(`Wall clock: ${figure('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')}; peak RSS: ${Math.round(Number(figure('Maximum resident set size \\(kbytes\\)')) / 1024)} MB; database: ${(statSync(join(dataDir, 'backtalk.db')).size / 1_048_576).toFixed(0)} MB`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
