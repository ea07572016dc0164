// The user methods of WordPress's XML-RPC API (wp.getUser, wp.getUsers, wp.getProfile, wp.getAuthors), with
// wp_xmlrpc_server::_prepare_user's struct and its field groups ('all', 'basic', or names). Capabilities from
// src/users/capabilities.ts: an administrator may list and read every account (list_users, edit_users),
// anyone else only their own; every role may edit posts, so every role may ask for the authors.
import type { User } from '../db/schema.js';
import { can, WORDPRESS_ROLE } from './capabilities.js';
import { login } from '../xmlrpc/credentials.js';
import { expectArity, idParam, intParam, invalidParams, member, structParam, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry } from '../xmlrpc/registry.js';
import { findUserById, listUsers, listUsersPage, type UserOrder } from './repository.js';

/** WordPress's role names for ours. */
const OUR_ROLE: Record<string, User['role']> = { administrator: 'admin', editor: 'editor', author: 'author', contributor: 'contributor' };
/** Roles WordPress knows that this blog has no account for: asking for them lists no one (get_role exists). */
const OTHER_WORDPRESS_ROLES = new Set(['subscriber']);
const BASIC = ['username', 'email', 'registered', 'display_name', 'nicename'];
/** Roles that may write posts: WordPress's who=authors (user_level > 0, i.e. contributors and up). */
const AUTHOR_ROLES: User['role'][] = ['admin', 'author'];

/**
 * WP_User_Query's orderby values for the columns we have (login by default). url sorts by login (no one has a
 * URL here); post_count is not offered: it would count every author's posts for each call.
 */
const ORDER_BY: Record<string, UserOrder> = {
  ID: 'id', id: 'id', login: 'username', user_login: 'username', nicename: 'username', user_nicename: 'username', url: 'username', user_url: 'username',
  display_name: 'display_name', name: 'display_name', email: 'email', user_email: 'email', registered: 'created_at', user_registered: 'created_at',
};

/** WP_User_Query::parse_order: ASC when asked (any case), DESC for anything else given; ASC when absent. */
function orderParam(value: unknown): 'asc' | 'desc' {
  if (value === undefined) return 'asc';
  return typeof value === 'string' && value.toUpperCase() === 'ASC' ? 'asc' : 'desc';
}

function fieldsParam(value: unknown): string[] {
  if (value === undefined) return ['all'];
  if (Array.isArray(value) && value.every((f) => typeof f === 'string')) return value as string[];
  if (typeof value === 'string') return [value];
  throw invalidParams('The fields parameter must be an array of field names.');
}

/** _prepare_user: user_id always; 'all' gives every field, 'basic' five of them, names pick fields. */
export function prepareUser(user: User, fields: string[]): Struct {
  const all: Struct = {
    username: user.username,
    first_name: '',
    last_name: '',
    registered: new Date(user.created_at),
    bio: user.bio ?? '',
    email: user.email,
    nickname: user.username,
    nicename: user.username,
    url: user.website ?? '',
    display_name: user.display_name || user.username,
    roles: [WORDPRESS_ROLE[user.role]],
  };
  const wanted = fields.includes('all') ? Object.keys(all) : [...fields, ...(fields.includes('basic') ? BASIC : [])];
  const out: Struct = { user_id: String(user.id) };
  for (const key of Object.keys(all)) if (wanted.includes(key)) out[key] = all[key];
  return out;
}

/** WordPress's edit_user meta capability: anyone themselves, edit_users for someone else. */
const canEditUser = (actor: User, id: number) => actor.id === id || can(actor, 'edit_users');

export function registerUserMethods(registry: MethodRegistry): void {
  registry.add('wp.getUser', {
    help: 'wp.getUser(blog_id, username, password, user_id, fields?): one account.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const id = idParam(call.params[3], 'user_id');
      const fields = fieldsParam(call.params[4]);
      const actor = await login(call, call.params[1], call.params[2]);
      if (!canEditUser(actor, id)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to edit this user.');
      const user = await findUserById(call.ctx.db, id);
      if (!user) throw new XmlRpcFault(404, 'Invalid user ID.');
      return prepareUser(user, fields);
    },
  });

  registry.add('wp.getUsers', {
    help: 'wp.getUsers(blog_id, username, password, {number, offset, role, who, orderby, order}?, fields?): the accounts by login, 50 by default.',
    handler: async (call) => {
      expectArity(call.params, 3, 5);
      const filter = call.params[3] === undefined ? {} : structParam(call.params[3], 'filter');
      const fields = fieldsParam(call.params[4]);
      const actor = await login(call, call.params[1], call.params[2]);
      if (!can(actor, 'list_users')) throw new XmlRpcFault(401, 'Sorry, you are not allowed to list users.');
      const number = member(filter, 'number');
      const offset = member(filter, 'offset');
      const role = member(filter, 'role');
      const orderby = member(filter, 'orderby');
      const who = member(filter, 'who');
      if (role !== undefined && (typeof role !== 'string' || !(Object.hasOwn(OUR_ROLE, role) || OTHER_WORDPRESS_ROLES.has(role)))) throw new XmlRpcFault(403, 'Invalid role.');
      if (typeof role === 'string' && !Object.hasOwn(OUR_ROLE, role)) return [];
      const users = await listUsersPage(call.ctx.db, {
        limit: number === undefined ? 50 : intParam(number, 'number', 0, 1000),
        offset: offset === undefined ? 0 : intParam(offset, 'offset', 0, 1_000_000),
        role: typeof role === 'string' ? OUR_ROLE[role] : undefined,
        roles: who === 'authors' ? AUTHOR_ROLES : undefined,
        // wp_getUsers passes orderby (and order only with it) to get_users, whose default is login, ascending.
        orderBy: typeof orderby === 'string' ? (ORDER_BY[orderby] ?? 'username') : 'username',
        order: orderby === undefined ? 'asc' : orderParam(member(filter, 'order')),
      });
      return users.map((u) => prepareUser(u, fields));
    },
  });

  registry.add('wp.getProfile', {
    help: 'wp.getProfile(blog_id, username, password, fields?): the account behind these credentials.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const fields = fieldsParam(call.params[3]);
      const actor = await login(call, call.params[1], call.params[2]);
      return prepareUser(actor, fields);
    },
  });

  registry.add('wp.getAuthors', {
    help: 'wp.getAuthors(blog_id, username, password): everyone who may write posts (user_id, user_login, display_name).',
    handler: async (call) => {
      expectArity(call.params, 3);
      await login(call, call.params[1], call.params[2]);
      // Every account here may write posts (WordPress's who=authors); a blog has a handful of them.
      const users = await listUsers(call.ctx.db);
      return users.map((u) => ({ user_id: String(u.id), user_login: u.username, display_name: u.display_name || u.username }));
    },
  });
}
