// The media calls desktop and mobile editors make (issue 14 point 5), answering as WordPress 6's
// class-wp-xmlrpc-server.php does: metaWeblog.newMediaObject and its alias wp.uploadFile (with the old
// `overwrite` flag, which replaces the earlier upload of the same file name), wp.getMediaItem,
// wp.getMediaLibrary and wp.deleteFile. Faults: 403 bad login, 401 not allowed, 404 unknown attachment,
// 500 "Could not write file" for a refused file, -32602 for malformed parameters.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { SpooledFile } from '../xmlrpc/base64-spool.js';
import type { AppContext } from '../context.js';
import type { Media, User } from '../db/schema.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { login, NOT_ALLOWED_POST } from '../xmlrpc/credentials.js';
import { boolParam, expectArity, idParam, intParam, invalidParams, member, stringParam, structParam, type Struct } from '../xmlrpc/params.js';
import { editablePost } from '../posts/xmlrpc-post-access.js';
import { uploadCallBytes } from '../xmlrpc/body.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../xmlrpc/registry.js';
import { fileNameOf } from './names.js';
import { findByFileName, findMedia, mediaLibraryPage } from './repository.js';
import { canManageMedia, deleteMedia, receiveUpload, uploadLimit } from './service.js';
import type { MediaStorage } from './storage.js';
import { mediaStructs } from './xmlrpc-struct.js';
import { can } from '../users/capabilities.js';

const INVALID_ATTACHMENT = 'Invalid attachment ID.';
const kinds = new Set(['image', 'audio', 'video', 'document']);

async function structOf(call: XmlRpcCall, media: Media) {
  const siteUrl = await loadSiteUrl(call.ctx.db, call.ctx.config);
  return (await mediaStructs(call.ctx.db, [media], siteUrl)).get(media.id)!;
}

async function upload(call: XmlRpcCall, storage: MediaStorage) {
  expectArity(call.params, 4);
  const data = structParam(call.params[3], 'data');
  const name = fileNameOf(stringParam(member(data, 'name') ?? '', 'data.name'));
  const bits = member(data, 'bits');
  // The transport wrote the base64 to a temp file while the body arrived (xmlrpc/base64-spool.ts).
  if (!(bits instanceof SpooledFile) && !Buffer.isBuffer(bits)) throw invalidParams('Field bits must be <base64>.');
  if (bits instanceof SpooledFile && !bits.valid) throw invalidParams('Field bits must be <base64>: it holds characters base64 does not use.');
  const length = bits instanceof SpooledFile ? bits.bytes : bits.length;
  const overwrite = member(data, 'overwrite') === undefined ? false : boolParam(member(data, 'overwrite'), 'data.overwrite');
  const postId = member(data, 'post_id') === undefined || member(data, 'post_id') === 0 || member(data, 'post_id') === '' ? null : idParam(member(data, 'post_id'), 'data.post_id');
  const user = await login(call, call.params[1], call.params[2]);
  // wp_xmlrpc_server::mw_newMediaObject: contributors have no upload_files.
  if (!can(user, 'upload_files')) throw new XmlRpcFault(401, 'Sorry, you are not allowed to upload files.');
  if (postId !== null) await editablePost(call.ctx, user, postId).catch(() => { throw new XmlRpcFault(401, NOT_ALLOWED_POST); });
  const ctx = call.ctx;
  const limit = await uploadLimit(ctx);
  // The client's Content-Type ("type") is not trusted: the stored type comes from the bytes, as for the admin.
  const result =
    length > limit
      ? { ok: false as const, message: `This file is larger than the upload limit of ${Math.round(limit / 1_048_576)} MB.` }
      : await receiveUpload(ctx, storage, user, { stream: bits instanceof SpooledFile ? createReadStream(bits.path) : Readable.from([bits]), filename: name, truncated: () => false }, limit, { parentId: postId, title: name });
  if (!result.ok) throw new XmlRpcFault(500, `Could not write file ${name} (${result.message})`);
  // WordPress's old overwrite: the earlier upload of this name goes once the new one is safely stored.
  if (overwrite) {
    const earlier = await findByFileName(ctx.db, name, result.media.id);
    if (earlier && canManageMedia(user, earlier)) await deleteMedia(ctx, storage, user, earlier.id);
  }
  const struct = await structOf(call, result.media);
  // Deprecated members WordPress still sends.
  return { ...struct, id: struct.attachment_id, file: struct.title, url: struct.link };
}

export function registerMediaMethods(registry: MethodRegistry, storage: MediaStorage): void {
  const bodyLimit = async (ctx: AppContext) => uploadCallBytes(await uploadLimit(ctx));
  registry.add('metaWeblog.newMediaObject', {
    bodyLimit,
    spoolsBase64: true,
    help: 'metaWeblog.newMediaObject(blog_id, username, password, {name, type, bits, overwrite?, post_id?}): uploads a file.',
    handler: (call) => upload(call, storage),
  });
  registry.add('wp.uploadFile', {
    bodyLimit,
    spoolsBase64: true,
    help: 'wp.uploadFile(blog_id, username, password, {name, type, bits, overwrite?, post_id?}): uploads a file.',
    handler: (call) => upload(call, storage),
  });

  registry.add('wp.getMediaItem', {
    help: 'wp.getMediaItem(blog_id, username, password, attachment_id): one media item.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'attachment_id');
      await login(call, call.params[1], call.params[2]);
      const media = await findMedia(call.ctx.db, id);
      if (!media) throw new XmlRpcFault(404, INVALID_ATTACHMENT);
      return structOf(call, media);
    },
  });

  registry.add('wp.getMediaLibrary', {
    help: 'wp.getMediaLibrary(blog_id, username, password, {number?, offset?, parent_id?, mime_type?}): newest first.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const filter: Struct = call.params[3] === undefined ? {} : structParam(call.params[3], 'filter');
      const number = member(filter, 'number');
      const offset = member(filter, 'offset');
      const parent = member(filter, 'parent_id');
      const mime = member(filter, 'mime_type');
      const mimeText = mime === undefined ? '' : stringParam(mime, 'mime_type').trim();
      const family = mimeText.split('/')[0]!;
      const query = {
        // WordPress answers every item when no number is given; we answer at most 100 per call (bounded reads).
        limit: number === undefined ? 100 : intParam(number, 'number', 1, 100),
        offset: offset === undefined ? 0 : intParam(offset, 'offset', 0, 1_000_000),
        parentId: parent === undefined || parent === '' ? undefined : intParam(parent, 'parent_id', 0, Number.MAX_SAFE_INTEGER) || null,
        kind: (family === 'application' ? 'document' : kinds.has(family) ? family : undefined) as Media['kind'] | undefined,
        mime: mimeText.includes('/') ? mimeText : undefined,
      };
      if (mimeText && !query.kind) return [];
      await login(call, call.params[1], call.params[2]);
      const items = await mediaLibraryPage(call.ctx.db, query);
      const structs = await mediaStructs(call.ctx.db, items, await loadSiteUrl(call.ctx.db, call.ctx.config));
      return items.map((m) => structs.get(m.id));
    },
  });

  // WordPress registers wp.deleteFile as an alias of wp.deletePost; attachments are deleted for good.
  registry.add('wp.deleteFile', {
    help: 'wp.deleteFile(blog_id, username, password, attachment_id): deletes a media item and its files.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'attachment_id');
      const user: User = await login(call, call.params[1], call.params[2]);
      const result = await deleteMedia(call.ctx, storage, user, id);
      if (!result.ok) throw result.status === 404 ? new XmlRpcFault(404, 'Invalid post ID.') : new XmlRpcFault(401, 'Sorry, you are not allowed to delete this post.');
      return true;
    },
  });
}

