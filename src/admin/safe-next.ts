// Where to go after signing in: only a local admin path, so a crafted login link cannot send a freshly
// signed-in user to another site (open redirect) or to a protocol-relative URL.

export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return '/admin';
  if (!/^\/admin(?:[/?#]|$)/.test(next)) return '/admin';
  // Backslashes and control characters are read as "//" or stripped by some browsers.
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/admin';
  return next;
}
