// Where to go after signing in or after an admin action: only a local admin path (open-redirect defence),
// made safe by the shared redirect-target rule (src/http/redirect-target.ts).
import { safeRedirectPath } from '../http/redirect-target.js';

export function safeNext(next: unknown, fallback = '/admin'): string {
  return safeRedirectPath(next, { fallback, within: '/admin' });
}
