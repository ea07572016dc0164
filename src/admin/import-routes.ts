// Tools → Import (issue 17): upload a WordPress export and, optionally, a zip of wp-content/uploads. Both are
// streamed to disk (never held in memory), then the import runs as a job; the run's page shows a progress bar
// that follows it (polling a small JSON status) and the report at the end. Administrators only.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { loadSessionUser, requireCapability } from '../http/auth.js';

// WordPress's import capability belongs to administrators only.
const requireAdmin = requireCapability('manage_options');
import { idParam, inputOf } from '../http/input.js';
import { findRun, recentRuns, type RunRow } from '../import/repository.js';
import type { ImportReport } from '../import/report.js';
import { makeRunDir, startRun } from '../import/runs.js';

const runParams = inputOf({ id: idParam });

function runJson(run: RunRow) {
  const report = run.report ? (JSON.parse(run.report) as ImportReport) : null;
  return { id: run.id, state: run.state, phase: run.phase, done: run.done, total: run.total, fileName: run.file_name, report };
}

export async function adminImportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // The largest export accepted (IMPORT_MAX_MB, 2 GB by default; WordPress splits bigger sites' exports); the
  // zip has the same cap. Multipart stops reading a file at the cap, so nothing larger reaches the disk whole.
  const maxBytes = ctx.config.importMaxBytes;
  const maxMb = Math.round(maxBytes / 1_048_576);
  const form = (reply: FastifyReply, status: number, error: string | null) => recentRuns(ctx.db).then((runs) => reply.page('admin/import', { title: 'Import', activeMenu: '/admin/tools/import', error, runs: runs.map(runJson), maxMb }, status));

  app.get('/admin/tools/import', { preHandler: requireAdmin }, async (_request, reply) => form(reply, 200, null));

  app.get('/admin/tools/import/:id', { preHandler: requireAdmin }, async (request, reply) => {
    const id = runParams.parse(request.params).id;
    const run = id === null ? undefined : await findRun(ctx.db, id);
    if (!run) return reply.page('admin/error', { status: 404, title: 'Not found', message: 'There is no such import.', back: { href: '/admin/tools/import', label: 'Import' } }, 404);
    if (String(request.headers.accept ?? '').includes('application/json')) return reply.header('cache-control', 'no-store').send(runJson(run));
    return reply.page('admin/import-run', { title: 'Import', activeMenu: '/admin/tools/import', run: runJson(run) });
  });

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 2, fields: 2, fieldSize: 1024, parts: 4, headerPairs: 50, fileSize: maxBytes } });
    // A plain form cannot send the CSRF header, and a multipart body is read only in the handler: the form
    // puts its token in the query, copied to the header csrfProtection reads.
    const beforeBody = async (request: FastifyRequest, reply: FastifyReply) => {
      const token = (request.query as { _csrf?: unknown })._csrf;
      if (typeof token === 'string' && !request.headers['x-csrf-token']) request.headers['x-csrf-token'] = token;
      request.user = await loadSessionUser(ctx.db, request);
      if (!request.user || request.user.role !== 'admin') return requireAdmin(request, reply);
      if (Number(request.headers['content-length'] ?? 0) > 2 * maxBytes + 65_536) return form(reply.header('connection', 'close'), 413, `The files are larger than ${maxMb} MB each. Nothing was imported.`);
    };
    scope.post('/admin/tools/import', { onRequest: beforeBody, preHandler: scope.csrfProtection }, async (request, reply) => {
      const token = randomBytes(12).toString('hex');
      const dir = await makeRunDir(ctx, token);
      const refuse = async (status: number, message: string) => {
        await rm(dir, { recursive: true, force: true });
        return form(reply, status, message);
      };
      let fileName = '';
      let hasZip = false;
      try {
        for await (const part of request.files()) {
          if (part.fieldname !== 'wxr' && part.fieldname !== 'uploads') {
            part.file.resume();
            continue;
          }
          if (!part.filename) {
            part.file.resume();
            continue;
          }
          await pipeline(part.file, createWriteStream(join(dir, part.fieldname === 'wxr' ? 'export.xml' : 'uploads.zip')));
          if (part.file.truncated) return refuse(413, `${part.filename} is larger than ${maxMb} MB. Nothing was imported.`);
          if (part.fieldname === 'wxr') fileName = part.filename;
          else hasZip = true;
        }
      } catch (error) {
        ctx.log.info({ err: (error as Error).message }, 'import: unreadable upload');
        const tooBig = (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
        return refuse(tooBig ? 413 : 400, tooBig ? `A file is larger than ${maxMb} MB. Nothing was imported.` : 'The upload could not be read. Try again.');
      }
      if (!fileName) return refuse(400, 'Choose the WordPress export file (WXR, .xml) to import.');
      const run = await startRun(ctx, { userId: (request.user as User).id, dir, fileName, hasZip });
      return reply.redirect(`/admin/tools/import/${run.id}`, 303);
    });
  });
}
