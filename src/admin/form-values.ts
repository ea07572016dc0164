// Small helpers for url-encoded admin forms: read a field as one trimmed-or-raw string whatever the client
// sent (a repeated field, a missing one), and turn zod issues into one message per field.
import type { z } from 'zod';

export type FormBody = Record<string, unknown>;

export function bodyOf(body: unknown): FormBody {
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

/** The field's text; a repeated field keeps its first value so a crafted body cannot turn it into an array. */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : one === undefined || one === null ? '' : String(one);
}

export function checkbox(body: FormBody, name: string): boolean {
  return field(body, name) !== '';
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
