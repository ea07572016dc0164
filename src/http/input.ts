// Route input parsed at the boundary (issue 12 point 6): zod schemas for what url-encoded forms, query
// strings and path parameters carry, so each route reads one typed object instead of poking at
// request.body. Every field schema accepts anything a client can send and never throws: a missing field is
// '', a repeated one keeps its first value (so a crafted body cannot turn a field into an array), and a
// body or query that is not an object has no fields. What is then *wrong* with a value (a bad email, an
// unknown status) is the feature's validation, with its own messages.
import { z } from 'zod';
import { rowIdFrom } from '../db/row-id.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** A form field's text: a repeated field's first value, '' when missing. */
export const formText = z.preprocess((v) => {
  const one = first(v);
  return typeof one === 'string' ? one : one === undefined || one === null ? '' : String(one);
}, z.string());

/** A checkbox: ticked when sent with any value but ''. */
export const formCheckbox = formText.transform((v) => v !== '');

/** A query-string (or panel form) value: a string, or a repeated one's first string; anything else is ''. */
export const queryText = z.preprocess((v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''), z.string());

/** Only a single plain string counts; a repeated field or key is ''. */
export const singleText = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** Whether the key was sent at all (?preview, ?loggedout: the value does not matter). */
export const present = z.preprocess((v) => v !== undefined, z.boolean());

/** The value as text, whatever it was (a repeated key joins with commas, so it never looks like one id). */
export const anyText = z.preprocess((v) => String(v ?? ''), z.string());

/** A row id in a path parameter or query (db/row-id.ts: within the range the tables hold), or null for anything else. */
export const idParam = queryText.transform(rowIdFrom);

/** Marks a field sent more than once where a protocol wants it once (Webmention edge case 27, TrackBack's url). */
export const REPEATED: unique symbol = Symbol('repeated');

/** A field of fieldLists(): its one value, null when missing, REPEATED when sent more than once. */
export const onceText = z
  .preprocess((v) => (Array.isArray(v) ? v : []), z.array(z.string()))
  .transform((all): string | null | typeof REPEATED => (all.length > 1 ? REPEATED : all[0] ?? null));

/** A raw form body (URLSearchParams, or a charset-aware decoder's map) as each name's values in order, for onceText. */
export function fieldLists(form: Iterable<[string, string]> | Map<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const [name, value] of form) (out[name] ??= []).push(...[value].flat());
  return out;
}

/** The fields of a body, query or params object; not an object at all reads as no fields. */
export function inputOf<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess((input) => (input && typeof input === 'object' ? input : {}), z.object(shape));
}
