// Validation of a new account (the first-run setup and the Users page share it), so the rules for user
// names and passwords live in one place. The password is never echoed back into a form.
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { findUserByName } from '../users/repository.js';
import { inPlainWords } from '../plain-messages.js';
import { fieldErrors } from './form-values.js';
import { formText, inputOf } from '../http/input.js';

export const MIN_PASSWORD = 8;

const accountSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(3, 'User name needs at least 3 characters')
      .max(60, 'User name is at most 60 characters')
      .regex(/^[A-Za-z0-9_.@-]+$/, 'Use only letters, digits and . _ - @ (no spaces)'),
    display_name: z.string().trim().max(100, 'Display name is at most 100 characters'),
    email: z.string().trim().min(1, 'Email is required').max(200).pipe(z.email('Enter a valid email address')),
    password: z.string().min(MIN_PASSWORD, `Password needs at least ${MIN_PASSWORD} characters`).max(200, 'Password is at most 200 characters'),
    password2: z.string(),
    role: z.enum(['admin', 'editor', 'author', 'contributor'], { message: 'Choose administrator, editor, author or contributor' }),
  })
  .refine((v) => v.password === v.password2, { path: ['password2'], message: 'The two passwords do not match' });

/** The account form's fields as the route reads them from the body (http/input.ts: never throws). */
export const accountFields = { username: formText, display_name: formText, email: formText, password: formText, password2: formText, role: formText };
export const accountFormSchema = inputOf(accountFields);
export type AccountForm = z.infer<typeof accountFormSchema>;

const ACCOUNT_LABELS = { username: 'User name', display_name: 'Display name', email: 'Email', password: 'Password', password2: 'Repeat password', role: 'Role' };

export interface Account {
  username: string;
  displayName: string;
  email: string;
  password: string;
  role: Role;
}

/** What the form shows again after an error: everything typed except the passwords. */
export function typedAccount(form: AccountForm): Record<string, string> {
  return { username: form.username, display_name: form.display_name, email: form.email, role: form.role };
}

export async function validateAccount(
  db: Executor,
  form: AccountForm,
  role?: Role,
): Promise<{ ok: true; account: Account } | { ok: false; errors: Record<string, string> }> {
  const parsed = accountSchema.safeParse({ ...form, role: role ?? form.role }, inPlainWords(ACCOUNT_LABELS));
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const username = form.username.trim();
  if (!errors.username && (await findUserByName(db, username))) errors.username = 'That user name is taken';
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const v = parsed.data;
  return { ok: true, account: { username: v.username, displayName: v.display_name || v.username, email: v.email, password: v.password, role: v.role } };
}
