// What keeps a standalone worker process (`npm run worker`) alive, and how it ends: on SIGTERM or SIGINT it
// stops claiming, lets running jobs finish within WORKER_DRAIN_SECONDS, hands back the leases of the rest
// (Worker.stop) and exits 0, so a supervisor's restart or a deploy never waits a lease (issue 18 point 6).
import type { FastifyInstance } from 'fastify';

export function runWorkerUntilSignalled(app: FastifyInstance): void {
  // The worker's poll timer is unref'd (so it never holds a server or a test open); here nothing else
  // would keep the process alive, so this handle does until a signal asks us to stop.
  const keepAlive = setInterval(() => undefined, 60_000);
  app.log.info({ workerId: app.worker.id, leaseMs: app.ctx.config.workerLeaseMs }, 'worker running');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal, drainMs: app.ctx.config.workerDrainMs }, 'shutting down');
      clearInterval(keepAlive);
      app.close().then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
