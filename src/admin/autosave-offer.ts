// "There is an autosave of this post that is more recent than the version below" (WordPress's notice): the
// editor offers the user's autosave when it is newer than the saved post and differs from it, and
// ?restore=autosave fills the form from it (no JavaScript needed; nothing is saved until the author saves).
import type { Executor } from '../db/database.js';
import type { Post, PostAutosave, User } from '../db/schema.js';
import { formatZoned } from '../content/zoned-time.js';
import { findAutosave } from '../posts/revisions-repository.js';
import { inputOf, queryText } from '../http/input.js';
import type { PostFormValues } from './post-form.js';

export const restoreQuery = inputOf({ restore: queryText });

export interface AutosaveOffer {
  /** When it was written, in the site's timezone. */
  when: string;
  /** The form already shows it (?restore=autosave). */
  restored: boolean;
}

function differs(a: PostAutosave, v: PostFormValues): boolean {
  return a.title !== v.title || a.content !== v.content || a.excerpt !== v.excerpt || a.format !== v.format;
}

/** The offer for this user and post (null: a post never saved), and the form values to show. */
export async function autosaveFor(db: Executor, user: User, post: Post | null, values: PostFormValues, restore: boolean, zone: string): Promise<{ offer: AutosaveOffer | null; values: PostFormValues }> {
  const autosave = await findAutosave(db, user.id, post?.id ?? 0);
  if (!autosave || !differs(autosave, values) || (post && autosave.updated_at <= post.updated_at)) return { offer: null, values };
  const when = formatZoned(autosave.updated_at, zone);
  if (!restore) return { offer: { when, restored: false }, values };
  return { offer: { when, restored: true }, values: { ...values, title: autosave.title, content: autosave.content, excerpt: autosave.excerpt, format: autosave.format } };
}
