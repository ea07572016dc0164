// A strict XML parser for tests (sax, which the xmlrpc package already depends on): returns the first
// well-formedness error, or null. Loaded through require because sax ships no type declarations.
import { createRequire } from 'node:module';

interface SaxParser {
  onerror: (e: Error) => void;
  write(s: string): SaxParser;
  close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean, opts?: object): SaxParser };

export function xmlError(xml: string): string | null {
  let error: string | null = null;
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (e) => {
    error ??= e.message;
    throw e;
  };
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  return error;
}
