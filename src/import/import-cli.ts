// `npm run import -- export.xml [--uploads DIR] [--fetch-attachments] [--map-author OLD=USER]... [--as USERNAME]`:
// imports a WordPress export into the blog DATABASE_URL names, while it runs or not, and prints the report.
// Each author of the file goes to the user --map-author names, else the user with the same login or email,
// else a new author; items whose author is not in the file go to --as (default: the first administrator).
// Image sizes, and with --fetch-attachments the files not in --uploads, are made and fetched by the blog's
// worker afterwards (jobs, as for any upload). Exit code 0 when everything was read, 1 when the file was
// refused (larger than IMPORT_MAX_MB,
// malformed) or cut short, 2 on bad usage.
import { runOnSupportedNode } from '../runtime/supported-node.js';

await runOnSupportedNode();
const { createReadStream, statSync } = await import('node:fs');
const { parseArgs } = await import('node:util');
const { buildApp } = await import('../app.js');
const { loadConfig } = await import('../config.js');
const { importWxr } = await import('./importer.js');
const { reportText } = await import('./report.js');
const { selectStorage } = await import('../media/select-storage.js');
const { findUserByName, listUsersPage } = await import('../users/repository.js');
const { ensureAdminFromConfig } = await import('../users/bootstrap.js');

const { readAuthors } = await import('./authors-pass.js');

const usage = 'Usage: npm run import -- export.xml [--uploads path/to/wp-content/uploads] [--fetch-attachments] [--map-author old_login=existing_login]... [--as username]';
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { uploads: { type: 'string' }, as: { type: 'string' }, 'fetch-attachments': { type: 'boolean' }, 'map-author': { type: 'string', multiple: true } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const file = args.positionals[0];
if (!file || args.positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
if (!isFile(file)) {
  console.error(`${file}: no such file`);
  process.exit(2);
}
if (args.values.uploads && !isDir(args.values.uploads)) {
  console.error(`${args.values.uploads}: no such folder (give the copy of wp-content/uploads)`);
  process.exit(2);
}

const config = loadConfig();
// The same cap as an upload in Tools → Import (IMPORT_MAX_MB): refused before anything is read or written.
const bytes = statSync(file).size;
if (bytes > config.importMaxBytes) {
  console.error(`${file} is ${(bytes / 1_048_576).toFixed(0)} MB, larger than the import limit of ${config.importMaxBytes / 1_048_576} MB (IMPORT_MAX_MB). Nothing was imported.`);
  process.exit(1);
}

const app = await buildApp(config, { startWorker: false, runStartupTasks: false });
await app.ready();
// As the server does on start: ADMIN_USER/ADMIN_PASSWORD make the first administrator of an empty blog.
await ensureAdminFromConfig(app.ctx);
const actor = args.values.as ? await findUserByName(app.ctx.db, args.values.as) : (await listUsersPage(app.ctx.db, { limit: 1, offset: 0, role: 'admin' }))[0];
if (!actor) {
  console.error(args.values.as ? `No user named ${args.values.as}.` : 'The blog has no administrator yet: finish setup first (or give --as USERNAME).');
  await app.close();
  process.exit(2);
}
// --map-author old=existing, checked before anything is written: both sides must exist.
const choices = new Map<string, number>();
const mappings = args.values['map-author'] ?? [];
if (mappings.length) {
  const inFile = new Set((await readAuthors(createReadStream(file)).catch(() => [])).map((a) => a.login));
  const problems: string[] = [];
  for (const m of mappings) {
    const at = m.indexOf('=');
    const [from, to] = at > 0 ? [m.slice(0, at), m.slice(at + 1)] : ['', ''];
    const user = to ? await findUserByName(app.ctx.db, to) : undefined;
    if (!from || !to) problems.push(`--map-author ${m}: write it as old_login=existing_login`);
    else if (!inFile.has(from)) problems.push(`--map-author ${m}: "${from}" is not an author in ${file}${inFile.size ? ` (its authors: ${[...inFile].join(', ')})` : ''}`);
    else if (!user) problems.push(`--map-author ${m}: this blog has no user named "${to}"`);
    else choices.set(from, user.id);
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    await app.close();
    process.exit(2);
  }
}
let last = '';
const report = await importWxr(app.ctx, selectStorage(app.ctx), {
  open: () => createReadStream(file),
  fileName: file,
  uploadsDir: args.values.uploads ?? null,
  actor,
  fetchAttachments: args.values['fetch-attachments'] === true,
  authorChoices: choices,
  onProgress: (p) => {
    const line = `${p.phase}${p.total ? ` ${p.done}/${p.total}` : ''}`;
    if (process.stderr.isTTY && line !== last) process.stderr.write(`\r${line}\x1b[K`);
    last = line;
  },
});
if (process.stderr.isTTY) process.stderr.write('\n');
console.log(reportText(report));
await app.close();
process.exit(report.ok ? 0 : 1);
