// The endpoint over a real socket, where clients differ from inject: no Content-Type at all, a declared
// Content-Length over the cap, and a chunked body that grows past it.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMethodResponse, encodeMethodCall } from '../../src/xmlrpc/codec.js';
import { createTestApp, type TestApp } from '../support/app.js';

function post(port: number, headers: Record<string, string | number>, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path: '/xmlrpc', method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.on('close', () => (answered ? undefined : reject(new Error('the connection closed without an answer'))));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('the XML-RPC endpoint over HTTP', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers a call sent with no Content-Type header', async () => {
    const body = encodeMethodCall('system.listMethods', []);
    const res = await post(port, { 'content-length': Buffer.byteLength(body) }, [body]);
    expect(res.status).toBe(200);
    expect((await decodeMethodResponse(res.body)).fault).toBeNull();
  });

  it('answers 413 to a declared length over 64 KB and to a chunked body that grows past it', async () => {
    const big = encodeMethodCall('system.listMethods', ['x'.repeat(70 * 1024)]);
    expect((await post(port, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(big) }, [big])).status).toBe(413);
    const chunks = Array.from({ length: 20 }, () => 'y'.repeat(8 * 1024));
    expect((await post(port, { 'content-type': 'text/xml', 'transfer-encoding': 'chunked' }, chunks)).status).toBe(413);
  });
});
