import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { SHIPPED_NODE_FLAGS } from '../../src/runtime/node-flags.js';

// The benchmarks start the blog with SHIPPED_NODE_FLAGS; the figures only hold if users start it the same way.
describe('the V8 flags the blog ships with', () => {
  it('are the ones npm start and the README give to node', () => {
    const pkg = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    const readme = readFileSync(`${projectRoot}/README.md`, 'utf8');
    for (const flag of SHIPPED_NODE_FLAGS) {
      expect(pkg.scripts.start).toContain(`node ${flag} dist/src/server.js`);
      expect(readme).toContain(`node_modules/.bin/node ${flag} dist/src/server.js`);
      expect(readme).toContain(`node_modules/.bin/node ${flag} dist/src/runtime/worker-cli.js`);
    }
  });
});
