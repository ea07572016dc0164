// The real WordPress 6.1 export in ../shared (shared/README.md): found from the project's folder upwards, so
// it resolves from a clone beside shared/ and from a worktree deeper down alike; WXR_FIXTURE overrides it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function wordpressFixture(name = 'wxr-6.1-harbour.xml'): string {
  if (process.env.WXR_FIXTURE) return process.env.WXR_FIXTURE;
  for (let dir = fileURLToPath(new URL('../..', import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'fixtures', 'wordpress', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`shared/fixtures/wordpress/${name} not found above the project`);
  }
}
