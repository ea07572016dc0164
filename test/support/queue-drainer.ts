// Child process for the scale-out test: a second instance on the same SQLite file. It says "ready" once
// built, waits for "go" on stdin so both instances drain the queue at the same moment, then reports.
import { once } from 'node:events';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { registerCountJob } from './count-job.js';

const file = process.argv[2];
const app = await buildApp(testConfig({ databaseUrl: `sqlite:${file}`, workerConcurrency: 3 }));
registerCountJob(app.ctx, `child-${process.pid}`);
await app.ready();
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const ran = await app.worker.runUntilIdle();
await app.close();
process.stdout.write(JSON.stringify({ ran }) + '\n');
process.exit(0);
