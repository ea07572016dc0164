// The wire codec: round trips through the xmlrpc package, WordPress's untyped-string rule, UTC dates, and
// every malformed body settling as a fault rather than throwing late or hanging.
import { describe, expect, it } from 'vitest';
import {
  decodeMethodCall,
  decodeMethodResponse,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
} from '../../src/xmlrpc/codec.js';
import { XmlRpcFault } from '../../src/xmlrpc/registry.js';

const call = (body: string) => `<?xml version="1.0"?><methodCall><methodName>m</methodName><params>${body}</params></methodCall>`;

async function faultOf(xml: string): Promise<number> {
  try {
    await decodeMethodCall(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlRpcFault);
    return (error as XmlRpcFault).faultCode;
  }
  return 0;
}

describe('decodeMethodCall', () => {
  it('reads untyped values as strings and an empty value as the empty string', async () => {
    const decoded = await decodeMethodCall(call('<param><value>plain</value></param><param><value></value></param><param><value><string></string></value></param>'));
    expect(decoded).toEqual({ methodName: 'm', params: ['plain', '', ''] });
  });

  it('reads typed scalars, arrays, structs, base64 and naive dates as UTC', async () => {
    const decoded = await decodeMethodCall(call(
      '<param><value><i4>7</i4></value></param><param><value><boolean>1</boolean></value></param>' +
      '<param><value><dateTime.iso8601>20260102T03:04:05</dateTime.iso8601></value></param>' +
      '<param><value><base64>aGk=</base64></value></param>' +
      '<param><value><struct><member><name>a</name><value><array><data><value>x</value><value><int>2</int></value></data></array></value></member></struct></value></param>',
    ));
    expect(decoded.params[0]).toBe(7);
    expect(decoded.params[1]).toBe(true);
    expect((decoded.params[2] as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect((decoded.params[3] as Buffer).toString()).toBe('hi');
    expect(decoded.params[4]).toEqual({ a: ['x', 2] });
  });

  it('does not let a member named __proto__ change what a struct answers', async () => {
    const decoded = await decodeMethodCall(call(
      '<param><value><struct><member><name>__proto__</name><value><struct><member><name>title</name><value>evil</value></member></struct></value></member></struct></value></param>',
    ));
    const struct = decoded.params[0] as Record<string, unknown>;
    expect(struct.title).toBeUndefined();
    expect(Object.getPrototypeOf(struct)).toBe(Object.prototype);
  });

  it('answers -32700 for text that is not well-formed XML', async () => {
    expect(await faultOf('garbage')).toBe(-32700);
    expect(await faultOf('')).toBe(-32700);
    expect(await faultOf('<methodCall><methodName>m</methodName></b></methodCall>')).toBe(-32700);
  });

  it('answers -32600 for well-formed XML that is not a methodCall', async () => {
    expect(await faultOf('<foo/>')).toBe(-32600);
    expect(await faultOf(encodeMethodResponse('x'))).toBe(-32600);
    expect(await faultOf('<methodCall><params/></methodCall>')).toBe(-32600);
    expect(await faultOf(call('<param><value><int>zz</int></value></param>'))).toBe(-32600);
  });

  it('turns the library\'s own crash on an empty <fault> into a fault, not an uncaught exception', async () => {
    // The deserializer reads stack[0].faultString from an 'end' handler; streamed, that throw escapes.
    expect(await faultOf('<methodCall><methodName>m</methodName><fault></fault></methodCall>')).toBe(-32600);
    await expect(decodeMethodResponse('<methodResponse><fault></fault></methodResponse>')).rejects.toThrow(/Invalid XML-RPC response/);
  });

  it('settles every truncation of a real call as a fault or a value, never a throw of another kind', async () => {
    const full = encodeMethodCall('metaWeblog.newPost', ['1', 'u', 'p', { title: 'T', dateCreated: new Date(0), tags: ['a'] }, true]);
    let faults = 0;
    for (let cut = 0; cut < full.length; cut += 3) {
      const code = await faultOf(full.slice(0, cut));
      expect([0, -32700, -32600]).toContain(code);
      if (code !== 0) faults += 1;
    }
    expect(faults).toBeGreaterThan(full.length / 4);
  });
});

describe('encoding', () => {
  it('round-trips a response, with dates in UTC and no trailing Z (Python cannot parse one)', async () => {
    const xml = encodeMethodResponse({ when: new Date('2026-05-06T07:08:09Z'), text: 'a]]>b<c', n: 1.5 });
    expect(xml).toContain('<dateTime.iso8601>20260506T07:08:09</dateTime.iso8601>');
    expect(await decodeMethodResponse(xml)).toEqual({ fault: null, value: { when: new Date('2026-05-06T07:08:09Z'), text: 'a]]>b<c', n: 1.5 } });
  });

  it('drops characters XML cannot carry instead of producing an unreadable document', async () => {
    const xml = encodeMethodResponse('a\u0000b\u0007c');
    expect(await decodeMethodResponse(xml)).toEqual({ fault: null, value: 'abc' });
  });

  it('encodes faults as a struct with faultCode and faultString', async () => {
    expect(await decodeMethodResponse(encodeFault(-32601, 'no such method'))).toEqual({ fault: { code: -32601, message: 'no such method' } });
  });

  it('encodes a call the decoder reads back', async () => {
    expect(await decodeMethodCall(encodeMethodCall('pingback.ping', ['http://a/', 'http://b/']))).toEqual({ methodName: 'pingback.ping', params: ['http://a/', 'http://b/'] });
  });

  it('rejects a malformed response with an Error', async () => {
    await expect(decodeMethodResponse('<methodResponse><params>')).rejects.toThrow(Error);
    await expect(decodeMethodResponse('<html>nope</html>')).rejects.toThrow(Error);
  });
});
