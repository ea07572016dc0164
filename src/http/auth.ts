// Who is signed in: the session holds a user id; guards load the user and refuse or redirect.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { User } from '../db/schema.js';
import { findUserById } from '../users/repository.js';
import { can, type Capability } from '../users/capabilities.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
  interface Session {
    userId?: number;
    /** The account's session_generation when this session signed in (migration 0020). */
    generation?: number;
    flash?: string;
  }
}

export async function loadSessionUser(db: Db, request: FastifyRequest): Promise<User | null> {
  const id = request.session?.get('userId');
  if (!id) return null;
  const user = await findUserById(db, id);
  // A password change moved the account's generation on: sessions signed in before it are signed out.
  if (!user || (request.session.get('generation') ?? 0) !== user.session_generation) return null;
  return user;
}

/** Marks the session as signed in as this user, under the account's current session generation. */
export function signInSession(request: FastifyRequest, user: Pick<User, 'id' | 'session_generation'>): void {
  request.session.set('userId', user.id);
  request.session.set('generation', user.session_generation);
}

/** preHandler for admin pages: sends visitors to the login page, remembering where they were going. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.user) return;
  const next = encodeURIComponent(request.url);
  await reply.redirect(`/admin/login?next=${next}`, 303);
}

/** Why a role is refused a screen, in words the person can act on. */
const REFUSALS: Partial<Record<Capability, string>> = {
  manage_options: 'Only administrators may use this screen (settings and tools).',
  list_users: 'Only administrators may manage users.',
  moderate_comments: 'Only editors and administrators may moderate comments.',
  manage_categories: 'Only editors and administrators may manage categories and tags.',
  edit_pages: 'Only editors and administrators may write pages.',
  upload_files: 'Your role may not upload files. Ask an editor to add the image for you.',
};

/** preHandler for a screen that needs a capability: visitors go to the login page, others get a 403 in the admin layout. */
export function requireCapability(cap: Capability) {
  return async function requireCap(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!request.user) return requireUser(request, reply);
    if (!can(request.user, cap)) {
      await reply.page('admin/error', { status: 403, title: 'Not allowed', message: REFUSALS[cap] ?? 'Your role may not do that.', back: { href: '/admin', label: 'Dashboard' } }, 403);
    }
  };
}

