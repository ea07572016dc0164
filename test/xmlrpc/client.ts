// Test helper: one XML-RPC call through app.inject, encoded and decoded with our codec.
import { expect } from 'vitest';
import { decodeMethodResponse, encodeMethodCall } from '../../src/xmlrpc/codec.js';
import type { TestApp } from '../support/app.js';

export type RpcAnswer = { fault: null; value: unknown } | { fault: { code: number; message: string } };

export async function rpcRaw(t: TestApp, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/xml' }, url = '/xmlrpc') {
  return t.app.inject({ method: 'POST', url, headers, payload: body });
}

export async function rpc(t: TestApp, method: string, params: unknown[]): Promise<RpcAnswer> {
  const res = await rpcRaw(t, encodeMethodCall(method, params));
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/xml');
  return decodeMethodResponse(res.body);
}

/** The value of a call that must succeed. */
export async function rpcOk<T = unknown>(t: TestApp, method: string, params: unknown[]): Promise<T> {
  const answer = await rpc(t, method, params);
  if (answer.fault) throw new Error(`${method} faulted: ${answer.fault.code} ${answer.fault.message}`);
  return answer.value as T;
}

/** The fault of a call that must fail. */
export async function rpcFault(t: TestApp, method: string, params: unknown[]): Promise<{ code: number; message: string }> {
  const answer = await rpc(t, method, params);
  if (!answer.fault) throw new Error(`${method} succeeded but a fault was expected: ${JSON.stringify(answer.value)}`);
  return answer.fault;
}
