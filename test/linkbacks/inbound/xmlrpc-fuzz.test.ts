// Throws a few thousand generated malformed XML-RPC bodies at /xmlrpc (random truncations and mutations,
// deep nesting, huge numbers, bad UTF-8, entity tricks): every answer must be a 4xx or an HTTP 200
// XML-RPC response, never a 5xx, never an internal-error fault, and the app must keep answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { decodeMethodResponse, encodeMethodCall } from '../../../src/xmlrpc/codec.js';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = encodeMethodCall('pingback.ping', ['https://fuzz.invalid/source', 'http://blog.test/2026/01/15/fuzz-target/']);
const SNIPPETS = ['<', '>', '&', '&amp;', '&#0;', '&#x110000;', '&undefined;', ']]>', '<![CDATA[', '<!--', '-->', '<?pi?>', '</value>', '<value>', '<struct>', '<member>', '<name>', '<array><data>', '<int>', '<i4>', '<double>', '<boolean>2</boolean>', '<base64>!!!</base64>', '<dateTime.iso8601>not-a-date</dateTime.iso8601>', '<nil/>', '\u0000', '"', "'", '<methodCall>', '</methodCall>', '<params>', '\uFFFF', '\uD800', 'xmlns:x="y"'];

function mutate(rand: () => number, base: string): string {
  let s = base;
  const steps = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    switch (Math.floor(rand() * 5)) {
      case 0: s = s.slice(0, at); break; // truncate
      case 1: s = s.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + s.slice(at); break;
      case 2: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 20)); break; // delete a run
      case 3: s = s.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + s.slice(at + 1); break;
      default: s = s.slice(0, at) + s.slice(Math.floor(rand() * s.length)); break; // splice a copy
    }
  }
  return s;
}

function nested(depth: number, open: string, close: string, leaf = '<int>1</int>'): string {
  return `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value>${open.repeat(depth)}${leaf}${close.repeat(depth)}</value></param></params></methodCall>`;
}

function generated(rand: () => number, n: number): Array<string | Buffer> {
  const bodies: Array<string | Buffer> = [];
  for (let i = 0; i < n; i++) bodies.push(mutate(rand, VALID));
  const call = (inner: string) => `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params>${inner}</params></methodCall>`;
  bodies.push(
    nested(2500, '<array><data><value>', '</value></data></array>'),
    nested(1500, '<struct><member><name>a</name><value>', '</value></member></struct>'),
    nested(3000, '<value>', '</value>'),
    call('<param><value><int>99999999999999999999999999999</int></value></param><param><value><i4>-2147483649</i4></value></param>'),
    call('<param><value><double>1e999999</double></value></param><param><value><double>NaN</double></value></param>'),
    call(`<param><value><string>${'9'.repeat(50_000)}</string></value></param>`),
    call('<param><value><base64>' + 'A'.repeat(40_000) + '</base64></value></param>'),
    call('<param><value><struct><member><name>__proto__</name><value><string>x</string></value></member></struct></value></param>'),
    '', ' ', '<', '<?xml version="1.0"?>', '<methodResponse><params/></methodResponse>', '<methodCall/>', '<methodCall><methodName></methodName></methodCall>',
    '<methodCall><methodName>system.multicall</methodName><params><param><value><array><data></data></array></value></param></params></methodCall>',
    '<?xml version="1.0" encoding="x-unknown"?><methodCall/>', '<?xml version="1.0" encoding="utf-16"?><methodCall/>',
    '<!DOCTYPE x SYSTEM "http://127.0.0.1/evil.dtd"><methodCall/>', '<methodCall><!ENTITY x "y"></methodCall>',
    Buffer.concat([Buffer.from('<methodCall><methodName>pingback.ping</methodName><params><param><value><string>'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('</string></value></param></params></methodCall>')]),
    Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0x00, 0x3c]),
  );
  for (let i = 0; i < 200; i++) bodies.push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))));
  return bodies;
}

describe('XML-RPC fuzz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers thousands of malformed bodies without a 5xx or an internal-error fault', async () => {
    const rand = prng(20261123);
    const bodies = generated(rand, 2600);
    expect(bodies.length).toBeGreaterThan(2800);
    const codes = new Map<number, number>();
    for (const [i, payload] of bodies.entries()) {
      const res = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload, remoteAddress: `198.18.${i >> 8}.${i & 255}` });
      expect(res.statusCode, `body #${i}: ${String(payload).slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode !== 200) continue;
      const answer = await decodeMethodResponse(res.body);
      const code = answer.fault ? answer.fault.code : 1;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      expect(code, `body #${i}: ${String(payload).slice(0, 200)}`).not.toBe(-32500);
    }
    // The mix really exercised the parser and the method: parse errors, bad requests, bad params, pingback faults.
    expect(codes.get(-32700) ?? 0).toBeGreaterThan(100);
    expect([...codes.keys()].some((c) => c >= 0 && c < 100)).toBe(true);
    const alive = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: encodeMethodCall('system.listMethods', []) });
    expect(alive.statusCode).toBe(200);
    expect((await decodeMethodResponse(alive.body)).fault).toBeNull();
  });
});
