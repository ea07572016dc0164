// Tools → Privacy (issue 16 point 6), admins only: export everything stored about a commenter's e-mail
// address as a JSON file, and erase it (anonymise their comments, or delete them) after a confirmation page
// that says how many comments it will change. Bad input answers the page again with what was typed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';

// WordPress gives the personal-data tools to administrators only (export/erase_others_personal_data).
const requireAdmin = requireCapability('manage_options');
import { formText, inputOf } from '../http/input.js';
import { exportFileName, exportPersonalData, EXPORT_COVERS, EXPORT_LEAVES_OUT } from '../privacy/export.js';
import { COUNT_CAP, countForErasure, erasePersonalData, type EraseMode } from '../privacy/erase.js';

const PAGE = '/admin/tools/privacy';
const exportForm = inputOf({ email: formText });
const eraseForm = inputOf({ email: formText, mode: formText, confirm: formText });
const emailSchema = z.string().trim().min(1, 'Enter the e-mail address the commenter used.').max(254, 'An e-mail address is at most 254 characters.').pipe(z.email('Enter a valid e-mail address, such as reader@example.com.'));

type Which = 'export' | 'erase';
interface Typed {
  exportEmail: string;
  eraseEmail: string;
  mode: string;
}

function checkEmail(raw: string): { ok: true; email: string } | { ok: false; error: string } {
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? { ok: true, email: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'Enter a valid e-mail address.' };
}

export async function privacyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = (reply: FastifyReply, typed: Typed, errors: Partial<Record<Which, string>> = {}, status = 200) =>
    reply.page('admin/privacy', { title: 'Privacy tools', values: typed, errors, covers: EXPORT_COVERS, leavesOut: EXPORT_LEAVES_OUT }, status);
  const blank: Typed = { exportEmail: '', eraseEmail: '', mode: 'anonymise' };

  app.get(PAGE, { preHandler: requireAdmin }, async (_request, reply) => render(reply, blank));

  app.post(`${PAGE}/export`, { preHandler: [requireAdmin, app.csrfProtection] }, async (request, reply) => {
    const { email: raw } = exportForm.parse(request.body);
    const checked = checkEmail(raw);
    if (!checked.ok) return render(reply, { ...blank, exportEmail: raw.slice(0, 300) }, { export: checked.error }, 400);
    const data = await exportPersonalData(ctx, checked.email);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(checked.email, ctx.clock.now())}"`)
      .send(`${JSON.stringify(data, null, 2)}\n`);
  });

  app.post(`${PAGE}/erase`, { preHandler: [requireAdmin, app.csrfProtection] }, async (request, reply) => {
    const form = eraseForm.parse(request.body);
    const typed = { ...blank, eraseEmail: form.email.slice(0, 300), mode: form.mode };
    const checked = checkEmail(form.email);
    const mode: EraseMode | null = form.mode === 'anonymise' || form.mode === 'delete' ? form.mode : null;
    if (!checked.ok) return render(reply, typed, { erase: checked.error }, 400);
    if (!mode) return render(reply, typed, { erase: 'Choose whether to anonymise or delete the comments.' }, 400);
    if (form.confirm !== 'yes') {
      const count = await countForErasure(ctx, checked.email);
      return reply.page('admin/privacy-confirm', { title: 'Confirm erasure', email: checked.email, mode, count, more: count > COUNT_CAP, cap: COUNT_CAP });
    }
    const n = await erasePersonalData(ctx, checked.email, mode);
    const did = mode === 'delete' ? 'Deleted' : 'Anonymised';
    request.session.set('flash', n ? `${did} ${n} ${n === 1 ? 'comment' : 'comments'} left with ${checked.email}.` : `No comments are stored with ${checked.email}; nothing was changed.`);
    return reply.redirect(PAGE, 303);
  });
}
