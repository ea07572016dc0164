// What the editor's scripts send while the author writes (autosave, the Markdown preview): parsed at the
// route boundary; the format is checked here so nothing reads an unknown one as HTML.
import { z } from 'zod';
import { POST_FORMATS } from '../content/formats.js';
import { formText, idParam, inputOf } from '../http/input.js';
import { POST_LIMITS } from '../posts/limits.js';

const format = formText.transform((v) => (v === '' ? 'html' : v)).pipe(z.enum(POST_FORMATS, { message: 'Choose HTML or Markdown.' }));

/** The post being written: its id, 0 for one not yet saved, -1 for anything unreadable. */
const postId = formText.transform((v) => (/^\d{1,12}$/.test(v) ? Number(v) : v === '' ? 0 : -1));

export const previewTarget = inputOf({ post_id: postId });

export const autosaveBody = inputOf({
  post_id: postId,
  title: formText.pipe(z.string().max(POST_LIMITS.titleChars, 'The title is too long to autosave.')),
  content: formText.pipe(z.string().max(POST_LIMITS.contentChars, 'The content is too long to autosave.')),
  excerpt: formText.pipe(z.string().max(POST_LIMITS.excerptChars, 'The excerpt is too long to autosave.')),
  format,
});

export const renderBody = inputOf({
  content: formText.pipe(z.string().max(POST_LIMITS.contentChars, 'The content is too long to preview.')),
  format,
});


export const editLinkQuery = inputOf({ id: idParam });

/** An absolute http(s) address, or '' for anything else. */
export const linkVerdictQuery = inputOf({
  url: formText.transform((v) => {
    try {
      const u = new URL(v.trim());
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
    } catch {
      return '';
    }
  }),
});
