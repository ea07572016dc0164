// Tools → Export (admins only), as WordPress's export.php: one button that downloads every post, page,
// comment, linkback, category, tag, author and attachment as a WXR 1.2 file, streamed as it is written.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';

// WordPress's export capability belongs to administrators only.
const requireAdmin = requireCapability('manage_options');
import { formCheckbox, inputOf } from '../http/input.js';
import { prepareExport } from '../export/service.js';

const exportForm = inputOf({ include_spam: formCheckbox });

export async function exportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/admin/tools/export', { preHandler: requireAdmin }, async (_request, reply) => reply.page('admin/export', { title: 'Export' }));

  app.post('/admin/tools/export', { preHandler: [requireAdmin, app.csrfProtection] }, async (request, reply) => {
    const { include_spam } = exportForm.parse(request.body);
    const prepared = await prepareExport(ctx.db, ctx.config, ctx.clock.now(), { includeSpam: include_spam });
    const body = Readable.from(prepared.chunks);
    // A failure half way cannot change the status any more: log it and cut the download short, so the
    // browser reports an incomplete file rather than saving a truncated one as whole.
    body.on('error', (err) => request.log.error({ err }, 'export failed while streaming'));
    return reply
      .header('content-description', 'File Transfer')
      .header('content-disposition', `attachment; filename=${prepared.fileName}`)
      .header('cache-control', 'private, no-store')
      .type('text/xml; charset=UTF-8')
      .send(body);
  });
}
