// XML-RPC wire format (http://xmlrpc.com/spec.md) via the xmlrpc package's own Serializer and Deserializer,
// wrapped so every input settles exactly once as a value or an XmlRpcFault, and dates travel as UTC.
import { createRequire } from 'node:module';
import Deserializer from 'xmlrpc/lib/deserializer.js';
import * as Serializer from 'xmlrpc/lib/serializer.js';
import CustomType from 'xmlrpc/lib/customtype.js';
import { FaultCodes } from './fault-codes.js';
import { XmlRpcFault } from './registry.js';

// The deserializer parses with sax in lenient mode (it accepts `</b>` stray tags); a strict pass with the same
// sax the library uses tells "not well-formed" (-32700) apart from "not XML-RPC" (-32600).
const sax = createRequire(createRequire(import.meta.url).resolve('xmlrpc'))('sax') as {
  parser(strict: boolean): { onopentag: (node: { name: string }) => void; onerror: () => void; write(s: string): { close(): void } };
};

// sax's strict parser reports errors through onerror (and throws on the next write); errors found at the
// end, such as an unclosed root, are only reported. It accepts an empty document, which is not XML (no root
// element), hence the root check. The root's name comes back so a methodResponse sent as a call (or any other
// document) is refused by name rather than by whatever the library trips over.
function rootElement(xml: string): string | null {
  let root: string | null = null;
  let failed = false;
  try {
    const parser = sax.parser(true);
    parser.onopentag = (node: { name: string }) => {
      root ??= node.name;
    };
    parser.onerror = () => {
      failed = true;
    };
    parser.write(xml).close();
  } catch {
    return null;
  }
  return failed ? null : root;
}

// A dateTime.iso8601 without an offset is read in the process's local zone by the library; we store UTC and
// clients such as Python's send naive times, so pin them to UTC before parsing.
function naiveDatesAsUtc(xml: string): string {
  return xml.replace(
    /(<dateTime\.iso8601>\s*)(\d{4}-?\d{2}-?\d{2}T\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d+)?)?)?)(\s*<\/dateTime\.iso8601>)/gi,
    '$1$2Z$3',
  );
}

// The deserializer builds structs with `struct[name] = value`, so a member named __proto__ swaps the
// prototype. Copy every struct into a fresh object of own keys only.
function ownCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownCopy);
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    out[key] = ownCopy((value as Record<string, unknown>)[key]);
  }
  return out;
}

type InputStream = Deserializer.InputStream;
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

// The library reads a Node stream, and a throw in its own 'end' handler (e.g. <fault></fault> with no value:
// "Cannot read properties of undefined") then escapes as an uncaught exception, and the callback never
// comes. Feeding sax synchronously from a string keeps every throw on this stack, and lets us check that the
// callback ran before we return: every input settles once, now.
function runDeserializer<T>(xml: string, start: (d: Deserializer, input: InputStream, done: (o: Outcome<T>) => void) => void): Outcome<T> {
  let outcome: Outcome<T> | null = null;
  const done = (o: Outcome<T>) => {
    outcome ??= o;
  };
  const input: InputStream = {
    setEncoding: () => undefined,
    on: () => undefined,
    pipe: (parser) => {
      parser.write(xml);
      parser.end();
    },
  };
  try {
    start(new Deserializer('utf8'), input, done);
  } catch (error) {
    done({ ok: false, error });
  }
  return outcome ?? { ok: false, error: new Error('the message ended without an answer') };
}

// The library's own checks throw plain Errors that name the problem ("Unknown XML-RPC tag 'FOO'"); a
// TypeError and the like is the library tripping over a shape it did not expect, whose text would be a
// JavaScript internal ("Cannot read properties of undefined"), so the sender gets the shape instead.
const message = (error: unknown) =>
  error instanceof Error && error.constructor === Error ? error.message : 'the elements are not nested as XML-RPC requires';

export async function decodeMethodCall(xml: string): Promise<{ methodName: string; params: unknown[] }> {
  const root = rootElement(xml);
  if (root === null) throw new XmlRpcFault(FaultCodes.parseError, 'Parse error: not well formed');
  if (root !== 'methodCall') throw new XmlRpcFault(FaultCodes.invalidRequest, `Invalid XML-RPC request: expected <methodCall> as the root element, got <${root.slice(0, 60)}>`);
  const outcome = runDeserializer<{ methodName: string; params: unknown[] }>(naiveDatesAsUtc(xml), (d, input, done) =>
    d.deserializeMethodCall(input, (error, methodName, params) => {
      if (error) return done({ ok: false, error });
      if (typeof methodName !== 'string' || methodName.trim() === '') return done({ ok: false, error: new Error('no method name') });
      done({ ok: true, value: { methodName: methodName.trim(), params: ownCopy(params ?? []) as unknown[] } });
    }),
  );
  if (!outcome.ok) throw new XmlRpcFault(FaultCodes.invalidRequest, `Invalid XML-RPC request: ${message(outcome.error)}`);
  return outcome.value;
}

type DecodedResponse = { fault: null; value: unknown } | { fault: { code: number; message: string } };

export async function decodeMethodResponse(xml: string): Promise<DecodedResponse> {
  const root = rootElement(xml);
  if (root === null) throw new Error('XML-RPC response is not well-formed XML');
  if (root !== 'methodResponse') throw new Error(`Invalid XML-RPC response: expected <methodResponse> as the root element, got <${root.slice(0, 60)}>`);
  const outcome = runDeserializer<DecodedResponse>(naiveDatesAsUtc(xml), (d, input, done) =>
    d.deserializeMethodResponse(input, (error, value) => {
      if (error && error.faultCode !== undefined) {
        const code = Number(error.faultCode);
        return done({ ok: true, value: { fault: { code: Number.isFinite(code) ? code : 0, message: String(error.faultString ?? '') } } });
      }
      if (error) return done({ ok: false, error });
      done({ ok: true, value: { fault: null, value: ownCopy(value) } });
    }),
  );
  if (!outcome.ok) throw new Error(`Invalid XML-RPC response: ${message(outcome.error)}`);
  return outcome.value;
}

class UtcDateTime extends CustomType {}
UtcDateTime.prototype.tagName = 'dateTime.iso8601';

// WordPress and Python write naive `YYYYMMDDTHH:MM:SS` (Python's DateTime cannot parse a trailing Z), so
// dates go out as UTC in that form rather than in the library's process-local default.
function utcWireDate(date: Date): string {
  const iso = date.toISOString(); // 2026-11-23T20:26:38.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}`;
}

// XML 1.0 cannot carry most control characters (section 2.2); text from other sites may contain them.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function forWire(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML_CHAR, '');
  if (value instanceof Date) return new UtcDateTime(utcWireDate(value));
  if (Array.isArray(value)) return value.map(forWire);
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key.replace(NOT_XML_CHAR, '')] = forWire(item);
  return out;
}

export function encodeMethodResponse(value: unknown): string {
  return Serializer.serializeMethodResponse(forWire(value));
}

export function encodeFault(code: number, message: string): string {
  // Messages may quote client input (a method name with U+FFFF); XML cannot carry those characters.
  return Serializer.serializeFault({ faultCode: Math.trunc(code), faultString: message.replace(NOT_XML_CHAR, '') });
}

export function encodeMethodCall(methodName: string, params: unknown[]): string {
  return Serializer.serializeMethodCall(methodName, params.map(forWire));
}
