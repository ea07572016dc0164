// What an import did, for the command line and the admin's report: counts per kind (created now, already
// there from an earlier import), what was skipped and why, and notes on what was changed on the way in.

export const REPORT_KINDS = ['authors', 'categories', 'tags', 'posts', 'pages', 'attachments', 'comments', 'pingbacks', 'trackbacks', 'old_urls'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ImportReport {
  file: string;
  /** The export's site address and WXR version, once read. */
  site: string | null;
  version: string | null;
  ok: boolean;
  /** Why nothing (or not everything) was imported, in a blogger's words. */
  error: string | null;
  created: Record<ReportKind, number>;
  existing: Record<ReportKind, number>;
  skipped: { what: string; reason: string }[];
  notes: string[];
  /** Attachments left to jobs that fetch them from the old site ("Download attachments from the old site"). */
  fetching: number;
}

/** At most this many skip and note lines are kept (a 200 MB file could have thousands); the rest are counted. */
const MAX_LINES = 500;

export function emptyReport(file: string): ImportReport {
  const zero = () => Object.fromEntries(REPORT_KINDS.map((k) => [k, 0])) as Record<ReportKind, number>;
  return { file, site: null, version: null, ok: false, error: null, created: zero(), existing: zero(), skipped: [], notes: [], fetching: 0 };
}

export function skip(report: ImportReport, what: string, reason: string): void {
  if (report.skipped.length < MAX_LINES) report.skipped.push({ what, reason });
  else if (report.skipped.length === MAX_LINES) report.skipped.push({ what: '…', reason: 'more skipped items not listed' });
}

export function note(report: ImportReport, text: string): void {
  if (report.notes.length < MAX_LINES) report.notes.push(text);
}

/** The report as lines of text, for the command line. */
export function reportText(r: ImportReport): string {
  const lines = [`Import of ${r.file}${r.site ? ` (from ${r.site}, WXR ${r.version})` : ''}: ${r.ok ? 'done' : 'FAILED'}`];
  if (r.error) lines.push(`  ${r.error}`);
  for (const k of REPORT_KINDS) {
    if (r.created[k] || r.existing[k]) lines.push(`  ${k.replace('_', ' ')}: ${r.created[k]} imported${r.existing[k] ? `, ${r.existing[k]} already there` : ''}`);
  }
  if (r.fetching) lines.push(`  attachments to fetch from the old site: ${r.fetching}, queued as jobs for the blog's worker (it follows the per-host limit and retries)`);
  if (r.skipped.length) lines.push(`  skipped (${r.skipped.length}):`, ...r.skipped.map((s) => `    - ${s.what}: ${s.reason}`));
  if (r.notes.length) lines.push(`  notes (${r.notes.length}):`, ...r.notes.map((n) => `    - ${n}`));
  return lines.join('\n');
}
