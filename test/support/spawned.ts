// A real child process running one of our entry points under tsx, with its JSON log lines readable as
// events: tests wait for "worker running" or "shutting down" instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

export interface Spawned {
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines, mostly). */
  lines: string[];
  stderr(): string;
  /** Resolves with the first line (past or future) that matches; rejects if the process exits first. */
  waitForLine(match: (line: string) => boolean, what?: string): Promise<string>;
  /** Exit code and signal, once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function spawnUnderTsx(script: string, env: Record<string, string>, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(projectRoot, script), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', SESSION_SECRET: 'x'.repeat(40), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a command-line entry point (import, export) to the end: its exit code and everything it wrote. */
export async function runEntry(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnUnderTsx(script, env, args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  // 'close', not 'exit': the output streams may still hold data when the process has exited.
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

export function spawnEntry(script: string, env: Record<string, string>, args: string[] = []): Spawned {
  const child = spawnUnderTsx(script, env, args);
  const lines: string[] = [];
  const waiters: Array<{ match: (l: string) => boolean; resolve: (l: string) => void }> = [];
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) if (w.match(line)) waiters.splice(waiters.indexOf(w), 1), w.resolve(line);
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, at: Date.now() }));
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitForLine(match, what = 'a matching line') {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`${script} exited (${code ?? signal}) before ${what}:\n${err.slice(0, 2000)}\n${lines.slice(-20).join('\n')}`)));
      });
    },
  };
}

/** Matches a JSON log line by its message. */
export const logged = (msg: string) => (line: string) => {
  try {
    return (JSON.parse(line) as { msg?: string }).msg === msg;
  } catch {
    return false;
  }
};

/** Polls `probe` until it returns a value (not undefined), at most `withinMs`: a wait on an event the test cannot subscribe to. */
export async function until<T>(probe: () => Promise<T | undefined>, withinMs: number, what: string): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
