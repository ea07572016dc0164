// One error handler and one 404 for the whole site: client mistakes become a clear 4xx page (or JSON for
// API callers), and only real faults are 500s, logged with their stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

function wantsHtml(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('text/html') || accept === '' || accept.includes('*/*');
}

const friendly: Record<string, string> = {
  FST_CSRF_INVALID_TOKEN: 'This form has expired or was not sent from this site. Go back, reload the page and send it again; what you typed is still in your browser.',
  FST_CSRF_MISSING_SECRET: 'Your session has expired. Go back, reload the page and send the form again.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted here.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty.',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, msg: error.message }, 'client error');
    const message = status >= 500 ? 'Something went wrong on our side. It has been logged.' : friendly[error.code] ?? error.message;
    const title = status === 413 ? 'Too large' : status === 429 ? 'Too many requests' : status === 403 ? 'Not allowed' : status >= 500 ? 'Server error' : 'Bad request';
    if (status === 429 && error.message) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    if (wantsHtml(request)) return reply.page('error', { status, title, message }, status);
    return reply.code(status).send({ error: title, message });
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsHtml(request)) return reply.page('error', { status: 404, title: 'Not found', message: 'There is nothing at this address. It may have moved, or never existed.' }, 404);
    return reply.code(404).send({ error: 'Not found', message: `No route for ${request.method} ${request.url}` });
  });
}
