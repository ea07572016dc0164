// Who is signed in: the session holds a user id; guards load the user and refuse or redirect.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { User } from '../db/schema.js';
import { findUserById } from '../users/repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
  interface Session {
    userId?: number;
    flash?: string;
  }
}

export async function loadSessionUser(db: Db, request: FastifyRequest): Promise<User | null> {
  const id = request.session?.get('userId');
  if (!id) return null;
  return (await findUserById(db, id)) ?? null;
}

/** preHandler for admin pages: sends visitors to the login page, remembering where they were going. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.user) return;
  const next = encodeURIComponent(request.url);
  await reply.redirect(`/admin/login?next=${next}`, 303);
}

/** preHandler for admin-only pages. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.user) return requireUser(request, reply);
  if (request.user.role !== 'admin') {
    await reply.page('error', { status: 403, title: 'Not allowed', message: 'Only administrators may do that.' }, 403);
  }
}
