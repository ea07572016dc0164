// What a profile may hold (issue 16 point 2), pure: the Users screen and the Profile screen share it.
// WordPress's fields: display name, e-mail, biographical info (description) and website (user_url).
import { z } from 'zod';
import { inPlainWords } from '../plain-messages.js';
import type { Role } from '../db/schema.js';
import { ROLES } from './capabilities.js';
import type { ProfileFields } from './repository.js';

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 200;

const profileSchema = z.object({
  display_name: z.string().trim().max(100, 'Display name is at most 100 characters'),
  email: z.string().trim().min(1, 'Email is required').max(200).pipe(z.email('Enter a valid email address')),
  bio: z.string().max(2000, 'Biographical info is at most 2000 characters'),
  website: z
    .string()
    .trim()
    .max(200, 'Website is at most 200 characters')
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+\.[^\s]*$/i.test(v), 'Enter the website as an address starting with http:// or https://'),
});

const LABELS = { display_name: 'Display name', email: 'Email', bio: 'Biographical info', website: 'Website' };

export type ProfileForm = { display_name: string; email: string; bio: string; website: string };

/** One message per field, the first found (as admin/form-values.ts; nothing outside admin/ imports admin/). */
function firstErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message;
  return out;
}

export function checkProfile(form: ProfileForm, username: string): { ok: true; profile: ProfileFields } | { ok: false; errors: Record<string, string> } {
  const parsed = profileSchema.safeParse(form, inPlainWords(LABELS));
  if (!parsed.success) return { ok: false, errors: firstErrors(parsed.error) };
  const v = parsed.data;
  return { ok: true, profile: { displayName: v.display_name || username, email: v.email, bio: v.bio.replace(/\r\n/g, '\n'), website: v.website } };
}

export function checkRole(value: string): Role | undefined {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined;
}

/** A new password's own rules; what it must match is the caller's. */
export function checkNewPassword(password: string, again: string): Record<string, string> {
  if (password.length < MIN_PASSWORD) return { password: `Password needs at least ${MIN_PASSWORD} characters` };
  if (password.length > MAX_PASSWORD) return { password: `Password is at most ${MAX_PASSWORD} characters` };
  if (password !== again) return { password2: 'The two passwords do not match' };
  return {};
}
