// The mails themselves, as plain text (what WordPress sends: wp_notify_moderator, wp_notify_postauthor,
// retrieve_password, wp_new_user_notification), worded after WordPress's so people recognise them. Pure:
// plain values in, a subject and a body out. Nothing here is HTML, so nothing a commenter typed can become
// markup; subjects are one line (a CR or LF in a post title could otherwise start a header).
import type { Comment } from '../db/schema.js';

export interface MailText {
  subject: string;
  text: string;
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();
const kindWord = { comment: 'comment', pingback: 'pingback', trackback: 'trackback', webmention: 'webmention' } as const;
const Kind = (k: Comment['kind']) => kindWord[k].charAt(0).toUpperCase() + kindWord[k].slice(1);

export interface CommentFacts {
  site: string;
  postTitle: string;
  postUrl: string;
  kind: Comment['kind'];
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  sourceUrl: string | null;
  ip: string;
  /** The comment or excerpt as plain text. */
  text: string;
}

function whoWrote(c: CommentFacts): string[] {
  if (c.kind !== 'comment') return [`Website: ${c.authorName}`, `URL: ${c.sourceUrl ?? c.authorUrl}`, '', 'Excerpt:', c.text];
  return [`Author: ${c.authorName} (IP address: ${c.ip || 'unknown'})`, `Email: ${c.authorEmail}`, `URL: ${c.authorUrl}`, '', 'Comment:', c.text];
}

/** wp_notify_moderator: "Please moderate", with the three actions as single-use links. */
export function heldCommentMail(c: CommentFacts, links: { approve: string; spam: string; trash: string; panel: string }, pending: number, expiresInDays: number): MailText {
  return {
    subject: oneLine(`[${c.site}] Please moderate: "${c.postTitle}"`),
    text: [
      `A new ${kindWord[c.kind]} on the post "${oneLine(c.postTitle)}" is waiting for your approval`,
      c.postUrl,
      '',
      ...whoWrote(c),
      '',
      `Approve it: ${links.approve}`,
      `Trash it: ${links.trash}`,
      `Spam it: ${links.spam}`,
      '',
      `Each link asks you to confirm on the page it opens, works once, and for ${expiresInDays} days.`,
      '',
      `Currently ${pending} ${pending === 1 ? 'comment is' : 'comments are'} waiting for approval. Please visit the moderation panel:`,
      links.panel,
      '',
    ].join('\n'),
  };
}

/** wp_notify_postauthor: a comment or linkback on your post was published at once. */
export function newCommentMail(c: CommentFacts, links: { comments: string; panel: string }): MailText {
  return {
    subject: oneLine(`[${c.site}] ${Kind(c.kind)}: "${c.postTitle}"`),
    text: [`New ${kindWord[c.kind]} on your post "${oneLine(c.postTitle)}"`, '', ...whoWrote(c), '', `You can see all comments on this post here:`, links.comments, '', `Moderate it in the panel: ${links.panel}`, ''].join('\n'),
  };
}

/** retrieve_password(): the reset link, and the address the request came from. */
export function passwordResetMail(p: { site: string; siteUrl: string; username: string; link: string; ip: string; expiresInHours: number }): MailText {
  return {
    subject: oneLine(`[${p.site}] Password Reset`),
    text: [
      'Someone has requested a password reset for the following account:',
      '',
      `Site Name: ${p.site}`,
      `Site: ${p.siteUrl}`,
      `Username: ${p.username}`,
      '',
      'If this was a mistake, ignore this email and nothing will happen.',
      '',
      `To reset your password, visit the following address (it works once, for ${p.expiresInHours} hours):`,
      '',
      p.link,
      '',
      `This password reset request originated from the IP address ${p.ip || 'unknown'}.`,
      '',
    ].join('\n'),
  };
}

/** wp_new_user_notification(): the user name and a link to choose a password (never the password itself). */
export function newUserMail(p: { site: string; username: string; link: string; loginUrl: string; expiresInHours: number }): MailText {
  return {
    subject: oneLine(`[${p.site}] Login Details`),
    text: [
      `Username: ${p.username}`,
      '',
      `To set your password, visit the following address (it works once, for ${p.expiresInHours} hours; after that, use "Lost your password?" on the login page):`,
      '',
      p.link,
      '',
      p.loginUrl,
      '',
    ].join('\n'),
  };
}
