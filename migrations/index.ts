// Every migration, in order. Add new files at the end with the next number; never edit or renumber one
// that has shipped (Kysely refuses a database whose applied migrations no longer sort first).
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_delivery_jobs.js';
import * as m0003 from './0003_webmention_requests.js';
import * as m0004 from './0004_moderation_indexes.js';
import * as m0005 from './0005_query_indexes.js';
import * as m0006 from './0006_site_generation.js';
import * as m0007 from './0007_hardening.js';
import * as m0008 from './0008_job_dedupe_key.js';
import * as m0009 from './0009_job_leases.js';
import * as m0010 from './0010_shared_limits.js';
import * as m0011 from './0011_media.js';
import * as m0012 from './0012_media_site_generation.js';
import * as m0013 from './0013_taxonomies.js';
import * as m0014 from './0014_pages.js';
import * as m0015 from './0015_post_states.js';
import * as m0016 from './0016_search.js';
import * as m0017 from './0017_writing.js';
import * as m0018 from './0018_comment_threads.js';
import * as m0019 from './0019_post_comment_counts.js';
import * as m0020 from './0020_accounts.js';
import * as m0021 from './0021_mail.js';
import * as m0022 from './0022_application_passwords.js';
import * as m0023 from './0023_privacy_indexes.js';
import * as m0024 from './0024_import.js';
import * as m0025 from './0025_export_indexes.js';
import * as m0026 from './0026_page_slugs_per_parent.js';
import * as m0027 from './0027_semantic_linkbacks.js';
import * as m0029 from './0029_post_responses.js';
import * as m0030 from './0030_author_photos.js';
import * as m0031 from './0031_import_fetch_and_authors.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_delivery_jobs': m0002,
  '0003_webmention_requests': m0003,
  '0004_moderation_indexes': m0004,
  '0005_query_indexes': m0005,
  '0006_site_generation': m0006,
  '0007_hardening': m0007,
  '0008_job_dedupe_key': m0008,
  '0009_job_leases': m0009,
  '0010_shared_limits': m0010,
  '0011_media': m0011,
  '0012_media_site_generation': m0012,
  '0013_taxonomies': m0013,
  '0014_pages': m0014,
  '0015_post_states': m0015,
  '0016_search': m0016,
  '0017_writing': m0017,
  '0018_comment_threads': m0018,
  '0019_post_comment_counts': m0019,
  '0020_accounts': m0020,
  '0021_mail': m0021,
  '0022_application_passwords': m0022,
  '0023_privacy_indexes': m0023,
  '0024_import': m0024,
  '0025_export_indexes': m0025,
  '0026_page_slugs_per_parent': m0026,
  '0027_semantic_linkbacks': m0027,
  '0029_post_responses': m0029,
  '0030_author_photos': m0030,
  '0031_import_fetch_and_authors': m0031,
};
