// POST /webmention (WM §3.2): 400 with a plain reason for what can be judged at once, 429 when flooding,
// else 201 with Location naming a status page; GET /webmention/:token shows that page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { findComment } from '../../comments/repository.js';
import { fieldLists, inputOf, onceText, queryText, REPEATED } from '../../http/input.js';
import { findWebmentionRequest } from './repository.js';
import { WEBMENTION_STATUS } from './answers.js';
import { statusLabel } from './status-view.js';
import { acceptWebmention } from './webmention.js';

function text(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(message + '\n');
}

/** source and target, each sent once (WM edge case 27: a repeated one is refused, not guessed between). */
const mentionForm = inputOf({ source: onceText, target: onceText });
const statusParams = inputOf({ token: queryText });

export async function webmentionRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  // 64 KB whatever the content type (JSON and text parsers included): a mention is two URLs.
  scope.post('/webmention', { bodyLimit: 64 * 1024 }, async (request: FastifyRequest, reply) => {
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded') || !Buffer.isBuffer(request.body)) {
      return text(reply, 400, 'Send source and target as application/x-www-form-urlencoded (Webmention §3.1.3).');
    }
    const { source, target } = mentionForm.parse(fieldLists(new URLSearchParams(request.body.toString('utf8'))));
    if (source === REPEATED || target === REPEATED) return text(reply, 400, 'Send source and target once each.');
    if (!source) return text(reply, 400, 'The source parameter is missing.');
    if (!target) return text(reply, 400, 'The target parameter is missing.');
    const result = await acceptWebmention(ctx, { protocol: 'webmention', source, target, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') });
    if (!result.ok) {
      const status = WEBMENTION_STATUS[result.refusal.kind];
      if (status === 429) reply.header('retry-after', '60');
      return text(reply, status, result.refusal.message);
    }
    const location = `${result.siteUrl}/webmention/${result.token}`;
    return reply.code(201).header('location', location).type('text/plain; charset=utf-8').send(`Accepted: the source will be verified. Status: ${location}\n`);
  });

  scope.get('/webmention', async (_request, reply) => text(reply, 200, 'This is a Webmention endpoint: POST source and target, form-encoded.'));

  scope.get('/webmention/:token', async (request, reply) => {
    const { token } = statusParams.parse(request.params);
    const r = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await findWebmentionRequest(ctx.db, { token }) : undefined;
    if (!r) return reply.callNotFound();
    const comment = r.comment_id ? await findComment(ctx.db, r.comment_id) : undefined;
    const { state, label } = statusLabel(r, comment?.status ?? null);
    return reply.page('linkbacks/webmention-status', { request: r, state, stateLabel: label });
  });
}
