// The inbound section of `npm run bench` (issue 11 point 4): runs bench/inbound.ts (a real blog with the rate
// limits raised, loopback source pages in another process) as a child and reports verified pings per second
// for Pingback (verified before the answer) and Webmention (verified by the worker) against the ≥ 300/s goal.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

const PINGS = 3000;
const CONCURRENCY = 32;
const GOAL_PER_SECOND = 300;

interface InboundRun {
  label: string;
  sent: number;
  accepted: number;
  verified: number;
  answeredMs: number;
  verifiedMs: number;
  verifiedPerSecond: number;
}

export async function runInbound(log: (line: string) => void): Promise<{ markdown: string; ok: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'inbound.ts'), String(PINGS), String(CONCURRENCY)], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const runs: InboundRun[] = [];
  let faults: Record<string, number> = {};
  for await (const line of createInterface({ input: child.stdout! })) {
    const parsed = JSON.parse(line) as InboundRun | { pingbackFaults: Record<string, number> };
    if ('pingbackFaults' in parsed) faults = parsed.pingbackFaults;
    else {
      runs.push(parsed);
      log(`inbound ${parsed.label}: ${parsed.verified} of ${parsed.sent} verified, ${parsed.verifiedPerSecond}/s`);
    }
  }
  const row = (r: InboundRun) => `| ${r.label} | ${r.sent} | ${r.accepted} | ${r.verified} | ${(r.answeredMs / 1000).toFixed(1)} s | ${(r.verifiedMs / 1000).toFixed(1)} s | ${r.verifiedPerSecond}/s | ${r.verifiedPerSecond >= GOAL_PER_SECOND ? 'met' : 'NOT MET'} |`;
  const refused = Object.entries(faults).map(([code, n]) => `${n} × fault ${code}`).join(', ');
  const markdown = [
    '## Inbound linkbacks',
    '',
    `\`bench/inbound.ts\` (run by \`npm run bench\` as a child under tsx): one process holds the real blog (SQLite file, in-process`,
    `worker, rate limits raised to 1,000,000 a minute, the source host trusted) and the sending client (${CONCURRENCY} keep-alive`,
    'connections over undici), so the client\'s CPU counts against the blog; a second process serves the source pages on',
    `127.0.0.1, each linking to the target post. ${PINGS} Pingbacks (verified before the answer), then ${PINGS} Webmentions (answered`,
    '201 at once, verified by the worker). "Verified per second" counts stored, verified linkbacks over the whole time until',
    `the last was verified. Goal (issue 11 point 4): ≥ ${GOAL_PER_SECOND} verified pings per second.`,
    '',
    '| Protocol | Sent | Accepted | Verified | All answered after | All verified after | Verified per second | Goal |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(row),
    '',
    refused ? `Pingbacks refused at the door: ${refused} (fault 50: the cap of verification fetches in flight was reached; the sender is told to try later, nothing is stored).` : 'No Pingback was refused.',
    '',
  ].join('\n');
  return { markdown, ok: runs.length === 2 && runs.every((r) => r.verifiedPerSecond >= GOAL_PER_SECOND) };
}
