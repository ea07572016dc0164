// zod issues as the forms show them: one message per field, the first one found. (Reading the fields
// themselves is http/input.ts's, at each route.)
import type { z } from 'zod';

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
