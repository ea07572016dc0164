// Tools → Import (issue 17): upload a WordPress export and, optionally, a zip of wp-content/uploads. Both are
// streamed to disk (never held in memory); the run's page then lists the file's authors, each mapped to an
// existing user or a new author as WordPress's importer asks, and "Start import" queues the job. The page then
// shows a progress bar that follows it (polling a small JSON status), the report at the end, and how the
// attachments fetched from the old site stand. Administrators only.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { loadSessionUser, requireCapability } from '../http/auth.js';

// WordPress's import capability belongs to administrators only.
const requireAdmin = requireCapability('manage_options');
import { formText, idParam, inputOf } from '../http/input.js';
import { readAuthors, type AuthorSummary } from '../import/authors-pass.js';
import { automaticMatch, type AuthorChoice } from '../import/import-authors-terms.js';
import { fetchesOfRun, findRun, moveRun, recentRuns, type RunRow } from '../import/repository.js';
import type { ImportReport } from '../import/report.js';
import { createRun, makeRunDir, runOptions, startRun } from '../import/runs.js';
import { WxrError } from '../import/wxr-records.js';
import { listUsers } from '../users/repository.js';

const runParams = inputOf({ id: idParam });
/** The mapping form: one select per author, named by its place in the list (logins may hold any character). */
const mappingForm = z.preprocess((input) => (input && typeof input === 'object' ? input : {}), z.record(z.string(), formText));

async function runJson(ctx: AppContext, run: RunRow) {
  const report = run.report ? (JSON.parse(run.report) as ImportReport) : null;
  const fetches = runOptions(run).fetchAttachments ? await fetchesOfRun(ctx.db, run.id) : null;
  return { id: run.id, state: run.state, phase: run.phase, done: run.done, total: run.total, fileName: run.file_name, report, fetches };
}

/** Each author's select: what was sent, else the automatic match, else "new". */
async function defaultChoices(ctx: AppContext, authors: AuthorSummary[]): Promise<string[]> {
  return Promise.all(authors.map(async (a) => String((await automaticMatch(ctx.db, a))?.id ?? 'new')));
}

export async function adminImportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // The largest export accepted (IMPORT_MAX_MB, 2 GB by default; WordPress splits bigger sites' exports); the
  // zip has the same cap. Multipart stops reading a file at the cap, so nothing larger reaches the disk whole.
  const maxBytes = ctx.config.importMaxBytes;
  const maxMb = Math.round(maxBytes / 1_048_576);
  const form = async (reply: FastifyReply, status: number, error: string | null, fetch = false) => {
    const runs = await recentRuns(ctx.db);
    return reply.page('admin/import', { title: 'Import', activeMenu: '/admin/tools/import', error, fetch, runs: runs.map((r) => ({ id: r.id, fileName: r.file_name, state: r.state })), maxMb }, status);
  };
  const notFound = (reply: FastifyReply) => reply.page('admin/error', { status: 404, title: 'Not found', message: 'There is no such import.', back: { href: '/admin/tools/import', label: 'Import' } }, 404);
  const loadRun = async (request: FastifyRequest) => {
    const id = runParams.parse(request.params).id;
    return id === null ? undefined : findRun(ctx.db, id);
  };
  const mappingPage = async (reply: FastifyReply, run: RunRow, status: number, chosen: string[] | null, errors: Record<number, string>) => {
    const options = runOptions(run);
    const users = await listUsers(ctx.db);
    const values = chosen ?? (await defaultChoices(ctx, options.authors));
    return reply.page('admin/import-authors', { title: 'Import: assign authors', activeMenu: '/admin/tools/import', run: { id: run.id, fileName: run.file_name }, authors: options.authors, fetch: options.fetchAttachments, hasZip: run.uploads_path !== null, users: users.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role })), values, errors }, status);
  };

  app.get('/admin/tools/import', { preHandler: requireAdmin }, async (_request, reply) => form(reply, 200, null));

  app.get('/admin/tools/import/:id', { preHandler: requireAdmin }, async (request, reply) => {
    const run = await loadRun(request);
    if (!run) return notFound(reply);
    if (String(request.headers.accept ?? '').includes('application/json')) return reply.header('cache-control', 'no-store').send(await runJson(ctx, run));
    if (run.state === 'mapping') return mappingPage(reply, run, 200, null, {});
    return reply.page('admin/import-run', { title: 'Import', activeMenu: '/admin/tools/import', run: await runJson(ctx, run) });
  });

  app.post('/admin/tools/import/:id/start', { preHandler: [requireAdmin, app.csrfProtection] }, async (request, reply) => {
    const run = await loadRun(request);
    if (!run) return notFound(reply);
    if (run.state !== 'mapping') return reply.page('admin/error', { status: 409, title: 'Already started', message: 'This import has already been started (or cancelled): its authors can no longer be changed.', back: { href: `/admin/tools/import/${run.id}`, label: 'Show the import' } }, 409);
    const body = mappingForm.parse(request.body);
    const { authors } = runOptions(run);
    const userIds = new Set((await listUsers(ctx.db)).map((u) => u.id));
    const choices: Record<string, AuthorChoice> = {};
    const kept: string[] = [];
    const errors: Record<number, string> = {};
    authors.forEach((a, i) => {
      const raw = (body[`author_${i}`] ?? '').trim();
      if (raw === 'new') {
        choices[a.login] = 'new';
        kept.push(raw);
      } else if (/^[1-9]\d{0,9}$/.test(raw) && userIds.has(Number(raw))) {
        choices[a.login] = Number(raw);
        kept.push(raw);
      } else {
        errors[i] = raw === '' ? `Choose who the posts of "${a.login}" go to.` : `The user chosen for "${a.login}" does not exist (any more). Choose another, or create a new author.`;
        // Nothing pre-selected: a suggestion shown here would be taken by the next click as the admin's choice.
        kept.push('');
      }
    });
    if (Object.keys(errors).length) return mappingPage(reply, run, 400, kept, errors);
    await startRun(ctx, run, choices);
    return reply.redirect(`/admin/tools/import/${run.id}`, 303);
  });

  app.post('/admin/tools/import/:id/cancel', { preHandler: [requireAdmin, app.csrfProtection] }, async (request, reply) => {
    const run = await loadRun(request);
    if (!run) return notFound(reply);
    if (await moveRun(ctx.db, run.id, 'mapping', { state: 'cancelled' }, ctx.clock.now().toISOString())) await rm(run.file_path.replace(/\/export\.xml$/, ''), { recursive: true, force: true });
    return reply.redirect('/admin/tools/import', 303);
  });

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 2, fields: 3, fieldSize: 1024, parts: 5, headerPairs: 50, fileSize: maxBytes } });
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
      let fetch = false;
      const refuse = async (status: number, message: string) => {
        await rm(dir, { recursive: true, force: true });
        return form(reply, status, message, fetch);
      };
      let fileName = '';
      let hasZip = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'fetch_attachments') fetch = part.value !== '';
            continue;
          }
          if ((part.fieldname !== 'wxr' && part.fieldname !== 'uploads') || !part.filename) {
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
      let authors: AuthorSummary[];
      try {
        authors = await readAuthors(createReadStream(join(dir, 'export.xml')));
      } catch (error) {
        if (!(error instanceof WxrError)) throw error;
        return refuse(400, `${fileName}: ${error.message} Nothing was imported.`);
      }
      const run = await createRun(ctx, { userId: (request.user as User).id, dir, fileName, hasZip, options: { fetchAttachments: fetch, authors } });
      return reply.redirect(`/admin/tools/import/${run.id}`, 303);
    });
  });
}
