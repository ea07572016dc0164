// POST /webmention (WM §3.2): 400 with a plain reason for what can be judged at once, 429 when flooding,
// else 201 with Location naming a status page; GET /webmention/:token shows that page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { findComment } from '../../comments/repository.js';
import { findWebmentionRequest } from './repository.js';
import { WEBMENTION_STATUS } from './answers.js';
import { statusLabel } from './status-view.js';
import { acceptWebmention } from './webmention.js';

function text(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(message + '\n');
}

/** The one value of a form field; null when missing, 'repeated' when sent twice (WM edge case 27). */
function field(form: URLSearchParams, name: string): string | null | 'repeated' {
  const all = form.getAll(name);
  return all.length > 1 ? 'repeated' : all[0] ?? null;
}

export async function webmentionRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  // 64 KB whatever the content type (JSON and text parsers included): a mention is two URLs.
  scope.post('/webmention', { bodyLimit: 64 * 1024 }, async (request: FastifyRequest, reply) => {
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded') || !Buffer.isBuffer(request.body)) {
      return text(reply, 400, 'Send source and target as application/x-www-form-urlencoded (Webmention §3.1.3).');
    }
    const form = new URLSearchParams(request.body.toString('utf8'));
    const source = field(form, 'source');
    const target = field(form, 'target');
    if (source === 'repeated' || target === 'repeated') return text(reply, 400, 'Send source and target once each.');
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

  scope.get('/webmention/:token', async (request: FastifyRequest<{ Params: { token: string } }>, reply) => {
    const token = request.params.token;
    const r = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await findWebmentionRequest(ctx.db, { token }) : undefined;
    if (!r) return reply.callNotFound();
    const comment = r.comment_id ? await findComment(ctx.db, r.comment_id) : undefined;
    const { state, label } = statusLabel(r, comment?.status ?? null);
    return reply.page('linkbacks/webmention-status', { request: r, state, stateLabel: label });
  });
}
