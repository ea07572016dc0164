// Editor-sized bodies (autosave, preview) are read only for a signed-in user: the session is checked in
// onRequest, before a byte of the body is read, as the editor's save does (posts-routes.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { loadSessionUser, requireUser } from '../http/auth.js';

export function signedInBeforeBody(db: Db) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.user = await loadSessionUser(db, request);
    return requireUser(request, reply);
  };
}
