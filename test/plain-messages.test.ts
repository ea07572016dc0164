// One wording for validation messages (issue 10 point 6): each kind of zod issue in plain words, a
// schema's own message left alone.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { inPlainWords } from '../src/plain-messages.js';
import { settingsSchema } from '../src/settings/definitions.js';

const messages = (schema: z.ZodType, value: unknown, labels: Record<string, string>) => {
  const r = schema.safeParse(value, inPlainWords(labels));
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('inPlainWords', () => {
  const schema = z.object({
    tagline: z.string().max(300),
    name: z.string().min(3),
    required: z.string().min(1),
    count: z.coerce.number().int().min(1).max(100),
    hosts: z.array(z.string()).max(2),
    choice: z.enum(['a', 'b']),
    email: z.email(),
    home: z.url(),
    own: z.string().max(1, 'Our own words'),
  });
  const labels = { tagline: 'Tagline', name: 'User name', required: 'Site title', count: 'Posts per page', hosts: 'Blocked hosts', choice: 'Date format', email: 'Email', home: 'Home page', own: 'Own' };

  it('says each kind of problem in words a blogger reads', () => {
    expect(messages(schema, { tagline: 'x'.repeat(301), name: 'ab', required: '', count: 'ten', hosts: ['a', 'b', 'c'], choice: 'z', email: 'nope', home: 'nope', own: 'xx' }, labels)).toEqual([
      'Tagline must be 300 characters or fewer',
      'User name must be at least 3 characters',
      'Site title is required',
      'Posts per page must be a number',
      'Blocked hosts may hold at most 2 entries',
      'Choose date format from the list',
      'Enter a valid email address',
      'Home page must be a web address starting with http:// or https://',
      'Our own words',
    ]);
    expect(messages(schema.pick({ count: true }), { count: '500' }, labels)).toEqual(['Posts per page must be 100 or less']);
    expect(messages(schema.pick({ count: true }), { count: '0' }, labels)).toEqual(['Posts per page must be 1 or more']);
  });

  it('names an unlabelled field from its key, and a bare schema by the label for ""', () => {
    expect(messages(z.object({ site_url: z.string().max(2) }), { site_url: 'abc' }, {})).toEqual(['Site url must be 2 characters or fewer']);
    expect(messages(settingsSchema.shape.site_title, 'x'.repeat(201), { '': 'Site title' })).toEqual(['Site title must be 200 characters or fewer']);
  });
});
