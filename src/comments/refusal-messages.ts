// What the reader is told when the comment form refuses their comment (issue 16 point 1: every refusal
// comes back as the form with their text kept and a sentence saying why, under the right 4xx status).
import type { RefusalRule } from './rules.js';

const KEPT = 'Your comment is kept below.';

export function refusalSentence(rule: RefusalRule): string {
  switch (rule) {
    case 'flood':
      return `You are posting comments too quickly. Wait a few seconds, then send it again. ${KEPT}`;
    case 'duplicate':
      return 'You have already said that on this post, so this copy was not saved. Change it if you meant to say something new.';
    case 'closed':
    case 'not_published':
      return `Comments are closed on this post, so yours was not saved. ${KEPT}`;
    case 'name_required':
      return `Please enter your name and email address. ${KEPT}`;
    case 'blocked':
      return `This comment was not accepted. ${KEPT}`;
  }
}

export const RATE_LIMITED = `Too many comments were sent from your address in the last minute. Wait a minute, then send it again. ${KEPT}`;
