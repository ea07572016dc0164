// The /xmlrpc endpoint itself: POST only, 64 KB cap, hostile and malformed bodies, standard fault codes,
// introspection, and never a 5xx whatever the body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMethodResponse, encodeMethodCall } from '../../src/xmlrpc/codec.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { rpc, rpcFault, rpcOk, rpcRaw } from './client.js';

describe('the XML-RPC endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function faultFor(body: string | Buffer, headers?: Record<string, string>) {
    const res = await rpcRaw(t, body, headers);
    expect(res.statusCode).toBe(200);
    const answer = await decodeMethodResponse(res.body);
    if (!answer.fault) throw new Error('expected a fault');
    return answer.fault;
  }

  it('answers GET with 405 and says why, on both paths', async () => {
    for (const url of ['/xmlrpc', '/xmlrpc.php']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body).toBe('XML-RPC server accepts POST requests only.');
    }
  });

  it('answers PUT and DELETE with 405 too', async () => {
    for (const method of ['PUT', 'DELETE'] as const) expect((await t.app.inject({ method, url: '/xmlrpc.php' })).statusCode).toBe(405);
  });

  it('serves the RSD document editors use to find the API at xmlrpc.php?rsd', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/xmlrpc.php?rsd' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/rsd+xml');
    expect(res.body).toContain('<api name="MetaWeblog" blogID="1" preferred="false" apiLink="http://blog.test/xmlrpc.php" />');
  });

  it('serves /xmlrpc.php as an alias of /xmlrpc', async () => {
    const res = await rpcRaw(t, encodeMethodCall('system.listMethods', []), { 'content-type': 'text/xml' }, '/xmlrpc.php');
    expect(res.statusCode).toBe(200);
    expect((await decodeMethodResponse(res.body)).fault).toBeNull();
  });

  it('accepts text/xml, application/xml, form and missing content types alike', async () => {
    const body = encodeMethodCall('system.listMethods', []);
    const variants: Array<Record<string, string>> = [{ 'content-type': 'application/xml' }, { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'text/plain' }, {}];
    for (const headers of variants) {
      const res = await rpcRaw(t, body, headers);
      expect(res.statusCode).toBe(200);
      expect((await decodeMethodResponse(res.body)).fault).toBeNull();
    }
  });

  it('refuses a body over 64 KB with 413, not 500', async () => {
    const big = encodeMethodCall('system.listMethods', ['x'.repeat(65 * 1024)]);
    const res = await rpcRaw(t, big);
    expect(res.statusCode).toBe(413);
    const justUnder = encodeMethodCall('system.listMethods', ['x'.repeat(63 * 1024)]);
    expect((await rpcRaw(t, justUnder)).statusCode).toBe(200);
  });

  it('refuses DOCTYPE and ENTITY declarations before parsing', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' +
      '<methodCall><methodName>system.listMethods</methodName><params><param><value>&lol2;</value></param></params></methodCall>';
    const fault = await faultFor(bomb);
    expect(fault.code).toBe(-32600);
    expect(fault.message).toMatch(/DOCTYPE/);
    expect((await faultFor('<methodCall><!ENTITY x "y"><methodName>a</methodName></methodCall>')).code).toBe(-32600);
    expect((await faultFor('<!doctype methodCall SYSTEM "file:///etc/passwd"><methodCall><methodName>a</methodName></methodCall>')).code).toBe(-32600);
  });

  it('answers -32700 for malformed XML and an empty body', async () => {
    expect((await faultFor('<methodCall><methodName>x</methodName')).code).toBe(-32700);
    expect((await faultFor('not xml at all')).code).toBe(-32700);
    expect((await faultFor('')).code).toBe(-32700);
  });

  it('answers -32600 for XML that is not a methodCall', async () => {
    expect((await faultFor('<?xml version="1.0"?><html><body>hi</body></html>')).code).toBe(-32600);
    expect((await faultFor('<methodResponse><params><param><value>x</value></param></params></methodResponse>')).code).toBe(-32600);
    expect((await faultFor('<methodCall><methodName>system.listMethods</methodName><fault></fault></methodCall>')).code).toBe(-32600);
  });

  it('says what is wrong with a wrong-root or mis-nested body, never a JavaScript internal (issue 10 point 6)', async () => {
    expect(await faultFor('<methodResponse><fault></fault></methodResponse>')).toEqual({ code: -32600, message: 'Invalid XML-RPC request: expected <methodCall> as the root element, got <methodResponse>' });
    expect(await faultFor('<?xml version="1.0"?><html><body>hi</body></html>')).toEqual({ code: -32600, message: 'Invalid XML-RPC request: expected <methodCall> as the root element, got <html>' });
    expect(await faultFor('<methodCall><methodName>system.listMethods</methodName><fault></fault></methodCall>')).toEqual({
      code: -32600,
      message: 'Invalid XML-RPC request: the elements are not nested as XML-RPC requires',
    });
    expect((await faultFor('<methodCall><methodName>a</methodName><params><param><value><int>abc</int></value></param></params></methodCall>')).message).toBe(
      "Invalid XML-RPC request: Expected an integer but got 'abc'",
    );
  });

  it('reads the encoding the XML declaration names', async () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><methodCall><methodName>system.methodHelp</methodName><params><param><value>caf\u00e9</value></param></params></methodCall>', 'latin1');
    const fault = await faultFor(latin1);
    expect(fault.code).toBe(-32602); // decoded and dispatched: no method named "café"
    const noDeclaration = Buffer.from('<methodCall><methodName>system.methodHelp</methodName><params><param><value>caf\u00e9</value></param></params></methodCall>', 'latin1');
    const fromHeader = await faultFor(noDeclaration, { 'content-type': 'text/xml; charset=ISO-8859-1' });
    expect(fromHeader.code).toBe(-32602);
    expect((await faultFor(noDeclaration)).code).toBe(-32702); // read as UTF-8, the default, 0xE9 alone is not valid
    expect((await faultFor('<?xml version="1.0" encoding="x-klingon"?><methodCall/>')).code).toBe(-32701);
    expect((await faultFor(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]))).code).toBe(-32702);
  });

  it('answers -32601 for an unknown method and for system.multicall', async () => {
    expect((await faultFor('<methodCall><methodName>a\uFFFF\u0001b</methodName></methodCall>')).code).toBeLessThan(0);
    expect((await rpcFault(t, 'no.such.method', [])).code).toBe(-32601);
    expect((await rpcFault(t, 'system.multicall', [[{ methodName: 'system.listMethods', params: [] }]])).code).toBe(-32601);
    expect((await rpcFault(t, 'constructor', [])).code).toBe(-32601);
  });

  it('lists what it offers, including system.listMethods and the publishing methods, but not multicall', async () => {
    const names = await rpcOk<string[]>(t, 'system.listMethods', []);
    expect(names).toEqual(expect.arrayContaining(['system.listMethods', 'system.getCapabilities', 'metaWeblog.newPost', 'metaWeblog.editPost',
      'metaWeblog.getPost', 'metaWeblog.getRecentPosts', 'blogger.getUsersBlogs', 'blogger.deletePost', 'wp.getComments', 'wp.getComment',
      'wp.editComment', 'wp.deleteComment', 'wp.getCommentCount']));
    expect(names).not.toContain('system.multicall');
    expect(names).toEqual([...names].sort());
  });

  it('answers -32602 for the wrong number or type of parameters', async () => {
    expect((await rpcFault(t, 'system.listMethods', ['extra'])).code).toBe(-32602);
    expect((await rpcFault(t, 'metaWeblog.getPost', ['1', 'user'])).code).toBe(-32602);
    expect((await rpcFault(t, 'metaWeblog.getPost', ['abc', 'user', 'pass'])).code).toBe(-32602);
    expect((await rpcFault(t, 'metaWeblog.newPost', ['1', 'user', 'pass', 'not a struct', true])).code).toBe(-32602);
    expect((await rpcFault(t, 'system.methodHelp', [{}])).code).toBe(-32602);
  });

  it('turns an error thrown by a method into fault -32500, not a 500', async () => {
    const local = await createTestApp({}, {
      beforeReady: (app) => {
        app.xmlrpcMethods.add('test.explode', { help: '', handler: async () => { throw new Error('boom'); } });
        app.xmlrpcMethods.add('test.unserialisable', { help: '', handler: async () => ({ get x(): string { throw new Error('getter'); } }) });
      },
    });
    try {
      const fault = await rpcFault(local, 'test.explode', []);
      expect(fault.code).toBe(-32500);
      expect(fault.message).not.toContain('boom');
      expect((await rpcFault(local, 'test.unserialisable', [])).code).toBe(-32500);
    } finally {
      await local.close();
    }
  });

  it('answers every truncated or mangled body with a fault and never a 5xx', async () => {
    const full = encodeMethodCall('system.methodHelp', [{ title: 'T', description: '<p>x &amp; y</p>', dateCreated: new Date(0), mt_tb_ping_urls: ['http://a.test/'] }]);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const bodies: string[] = [];
    for (let cut = 0; cut < full.length; cut += 5) bodies.push(full.slice(0, cut));
    for (let i = 0; i < 200; i++) {
      const chars = [...full];
      for (let k = 0; k < 3; k++) chars[Math.floor(random() * chars.length)] = '<>&/"\u0000x'[Math.floor(random() * 8)];
      bodies.push(chars.join(''));
    }
    const snippets = ['<fault>', '</fault>', '<fault></fault>', '<struct>', '</value>', '<array><data>', '<nil/>', '<params>', '<methodResponse>', ']]>', '<![CDATA[', '<?pi x?>', '<!-- c -->', '<i4>x</i4>', '<dateTime.iso8601>2</dateTime.iso8601>', '<base64>@@</base64>'];
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(random() * full.length);
      bodies.push(full.slice(0, at) + snippets[Math.floor(random() * snippets.length)] + full.slice(at));
    }
    expect(bodies.length).toBeGreaterThan(500);
    for (const body of bodies) {
      const res = await rpcRaw(t, body);
      expect(res.statusCode, body).toBe(200);
      const answer = await decodeMethodResponse(res.body);
      expect(answer.fault, body).not.toBeNull();
      // The sender is told about their XML, not about our JavaScript.
      expect(answer.fault!.message, body).not.toMatch(/Cannot read|undefined|is not a function|TypeError|null/);
    }
  });

  it('answers a call with HTTP 200 and text/xml even when it faults', async () => {
    const answer = await rpc(t, 'metaWeblog.getPost', ['1', 'nobody', 'nothing']);
    expect(answer.fault).toEqual({ code: 403, message: 'Incorrect username or password.' });
  });
});
