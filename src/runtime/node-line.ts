// Which Node.js lines Backtalk runs on, and what an entry point does when started by another one. Pure, so
// the rule is tested without spawning processes.
//
// better-sqlite3 13 needs Node >= 22 (on Node 20 it segfaults at the first query) and undici 8 needs 22.19,
// so an older `node` must never be what runs the blog; the runtime pinned in package.json (the `node`
// package, linked at node_modules/.bin/node) is used instead.

export const MIN_SUPPORTED = { major: 22, minor: 19 } as const;

export type RuntimeChoice =
  | { kind: 'run' }
  | { kind: 're-exec'; executable: string }
  | { kind: 'refuse'; message: string };

export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_SUPPORTED.major || (major === MIN_SUPPORTED.major && minor >= MIN_SUPPORTED.minor);
}

/** `pinned` is the pinned runtime's path when it is installed, else null. */
export function chooseRuntime(currentVersion: string, pinned: string | null): RuntimeChoice {
  if (isSupportedNode(currentVersion)) return { kind: 'run' };
  if (pinned) return { kind: 're-exec', executable: pinned };
  return {
    kind: 'refuse',
    message:
      `Backtalk needs Node.js ${MIN_SUPPORTED.major}.${MIN_SUPPORTED.minor} or newer (22 or 24 LTS); this is ${currentVersion}. ` +
      'Run `npm install` to get the pinned runtime (node_modules/.bin/node), or put Node 22 or 24 first on your PATH.',
  };
}
