// Awaited first by every entry point (server, worker, migrate), which import the rest of the app only after
// it: on a supported Node it returns at once. Started by an older `node` (a system Node 20 running
// `node dist/src/server.js` under a process manager), it runs the same command again on the pinned runtime,
// passes signals and the exit code through, and never returns, so better-sqlite3 and undici are never loaded
// on a Node that crashes on them. (Static imports would not do: Node evaluates an entry's CommonJS
// dependencies even while an earlier import is still awaiting.)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { projectRoot } from '../paths.js';
import { chooseRuntime } from './node-line.js';

export async function runOnSupportedNode(): Promise<void> {
  const pinnedPath = resolve(projectRoot, 'node_modules', 'node', 'bin', 'node');
  const choice = chooseRuntime(process.version, existsSync(pinnedPath) ? pinnedPath : null);

  if (choice.kind === 'refuse') {
    console.error(choice.message);
    process.exit(1);
  }

  if (choice.kind === 're-exec') {
    const child = spawn(choice.executable, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
    const code = await new Promise<number>((done) => {
      child.on('exit', (exitCode, signal) => done(exitCode ?? 128 + (signal ? constants.signals[signal] : 0)));
      child.on('error', (err) => {
        console.error(`Could not start the pinned Node.js runtime at ${choice.executable}: ${err.message}`);
        done(1);
      });
    });
    process.exit(code);
  }
}
