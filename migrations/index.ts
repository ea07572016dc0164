// Every migration, in order. Add new files at the end; never edit one that has shipped.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0005 from './0005_delivery_jobs.js';
import * as m0006 from './0006_webmention_requests.js';
import * as m0007 from './0007_moderation_indexes.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0005_delivery_jobs': m0005,
  '0006_webmention_requests': m0006,
  '0007_moderation_indexes': m0007,
};
