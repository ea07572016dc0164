// `npm run export -- out.xml` (or no file: standard output): the whole blog as a WXR 1.2 file, written as it
// is read (the same stream as Tools → Export). `--include-spam` adds spam comments, which WordPress leaves out.
import { runOnSupportedNode } from '../runtime/supported-node.js';

// Only now load the rest: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { createWriteStream } = await import('node:fs');
const { Readable } = await import('node:stream');
const { pipeline } = await import('node:stream/promises');
const { loadConfig } = await import('../config.js');
const { openDatabase } = await import('../db/database.js');
const { prepareExport } = await import('./service.js');

const args = process.argv.slice(2);
const includeSpam = args.includes('--include-spam');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length > 1 || args.some((a) => a.startsWith('--') && a !== '--include-spam')) {
  console.error('Usage: npm run export -- [--include-spam] [out.xml]   (no file: the XML goes to standard output)');
  process.exit(2);
}

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
try {
  const prepared = await prepareExport(database.db, config, new Date(), { includeSpam });
  const out = files[0] ? createWriteStream(files[0]) : process.stdout;
  await pipeline(Readable.from(prepared.chunks), out);
  if (files[0]) console.error(`Exported to ${files[0]} (WordPress would name it ${prepared.fileName})`);
} catch (err) {
  console.error(`Export failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
