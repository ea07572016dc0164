// Validation messages in the words of the person filling in the form (issue 10 point 6): "Tagline must be
// 300 characters or fewer", never zod's "Too big: expected string to have <=300 characters". Passed as the
// per-parse error map, so it fills in only what a schema did not already word itself (zod gives a
// schema's own message precedence), and every form (settings, setup, accounts, posts) words alike.
import type { z } from 'zod';

/** Field name → what the form calls it ('' for a schema checked on its own, without a path). */
export type FieldLabels = Record<string, string>;

type Issue = z.core.$ZodRawIssue;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The message for one zod issue about the field called `label`. */
export function plainMessage(issue: Issue, label: string): string {
  const i = issue as Issue & { origin?: string; maximum?: number | bigint; minimum?: number | bigint; expected?: string; format?: string; values?: unknown[] };
  const max = Number(i.maximum);
  const min = Number(i.minimum);
  switch (i.code) {
    case 'too_big':
      if (i.origin === 'string') return `${label} must be ${plural(max, 'character', 'characters')} or fewer`;
      if (i.origin === 'array' || i.origin === 'set') return `${label} may hold at most ${plural(max, 'entry', 'entries')}`;
      return `${label} must be ${max} or less`;
    case 'too_small':
      if (i.origin === 'string') return min <= 1 ? `${label} is required` : `${label} must be at least ${plural(min, 'character', 'characters')}`;
      if (i.origin === 'array' || i.origin === 'set') return `${label} needs at least ${plural(min, 'entry', 'entries')}`;
      return `${label} must be ${min} or more`;
    case 'invalid_type':
      if (i.expected === 'number' || i.expected === 'int') return `${label} must be a number`;
      return `${label} is missing or not valid`;
    case 'invalid_value':
      return `Choose ${label.toLowerCase()} from the list`;
    case 'invalid_format':
      if (i.format === 'email') return 'Enter a valid email address';
      if (i.format === 'url') return `${label} must be a web address starting with http:// or https://`;
      return `${label} is not in the expected form`;
    case 'not_multiple_of':
      return `${label} must be a whole number`;
    default:
      return `${label} is not valid`;
  }
}

const fallbackLabel = (name: string) => {
  const words = name.replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'This field';
};

/** Parse options for schema.safeParse(value, inPlainWords(labels)). */
export function inPlainWords(labels: FieldLabels): { error: (issue: Issue) => string } {
  return {
    error: (issue) => {
      const name = String(issue.path?.[0] ?? '');
      return plainMessage(issue, labels[name] ?? fallbackLabel(name));
    },
  };
}
