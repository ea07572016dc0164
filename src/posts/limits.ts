// How big a post may be, in one place: the validator (validation.ts) enforces these, and the editor form's
// request-size limit is derived from them, so a post the validator accepts can never be refused for its
// size before it is read (issue 10 point 6: a long post used to hit a 1 MB 413 page and lose its text).
export const POST_LIMITS = {
  titleChars: 300,
  slugChars: 190,
  contentChars: 1_000_000,
  excerptChars: 2000,
  toPingChars: 10_000,
  /** WordPress's post_password is a varchar(255). */
  passwordChars: 255,
  /** Each of in-reply-to, like-of and repost-of (issue 19 point 4): room for any real address. */
  responseUrlChars: 2000,
} as const;

/** Three response fields share responseUrlChars, so it counts three times. */
const FIELD_CHARS = Object.values(POST_LIMITS).reduce((a, b) => a + b, 0) + 2 * POST_LIMITS.responseUrlChars;

/**
 * The largest form body a valid post can make. A form is sent url-encoded: one UTF-16 code unit becomes at
 * most 9 bytes (a three-byte UTF-8 character, each byte written %XX; a surrogate pair, 4 bytes for 2 units,
 * is less). 64 KB more covers field names, the date, checkboxes and the CSRF token.
 */
export const EDITOR_FORM_BODY_LIMIT = FIELD_CHARS * 9 + 64 * 1024;

export const formatMegabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
