// The blog runs only on Node 22.19+ (better-sqlite3 13 segfaults on 20): the rule itself, and an entry point
// started by an older node that exists on this machine (Debian's Node 20 on the CI machines) re-running itself
// on the pinned runtime.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { chooseRuntime, isSupportedNode } from '../../src/runtime/node-line.js';

const run = promisify(execFile);

describe('which Node runs the blog', () => {
  it('accepts 22.19 and later, and 24', () => {
    expect(isSupportedNode('v22.19.0')).toBe(true);
    expect(isSupportedNode('v22.23.3')).toBe(true);
    expect(isSupportedNode('v24.21.0')).toBe(true);
    expect(isSupportedNode('v26.1.0')).toBe(true);
    expect(isSupportedNode('v22.18.0')).toBe(false);
    expect(isSupportedNode('v20.20.2')).toBe(false);
  });

  it('re-runs on the pinned runtime when an older node started us, and explains when there is none', () => {
    expect(chooseRuntime('v24.21.0', '/x/node')).toEqual({ kind: 'run' });
    expect(chooseRuntime('v20.20.2', '/x/node')).toEqual({ kind: 're-exec', executable: '/x/node' });
    const refused = chooseRuntime('v20.20.2', null);
    expect(refused.kind).toBe('refuse');
    expect(refused.kind === 'refuse' && refused.message).toMatch(/Node\.js 22\.19 or newer.*v20\.20\.2.*npm install/);
  });
});

/** A `node` on PATH outside node_modules that is too old for the blog, if this machine has one. */
function olderSystemNode(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    return isSupportedNode(version) ? null : candidate;
  }
  return null;
}

const oldNode = olderSystemNode();

describe.skipIf(!oldNode)('an entry point started by an older system node', () => {
  it('migrates a fresh SQLite database on the pinned runtime instead of crashing in better-sqlite3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtalk-runtime-'));
    try {
      const { stdout } = await run(oldNode!, ['--import', 'tsx', join(projectRoot, 'src/db/migrate-cli.ts')], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'blog.db')}`, DATA_DIR: dir },
      });
      expect(stdout).toMatch(/^Applied: 0001_initial/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
