// One XML-RPC request, bytes in, XML out: decode, find the method in the registry, run it, and turn every
// failure into a fault (FCI codes), so the endpoint answers HTTP 200 for anything a client can send.
import type { AppContext } from '../context.js';
import { decodeMethodCall, encodeFault, encodeMethodResponse } from './codec.js';
import { FaultCodes } from './fault-codes.js';
import { decodeBody, refuseDeclarations } from './body.js';
import { XmlRpcFault, type MethodRegistry } from './registry.js';
import { spooledParams, type SpooledFile } from './base64-spool.js';

export interface RequestInfo {
  ip: string;
  userAgent: string;
  contentType?: string;
  /** Files the body reader wrote for the call's <base64> values (upload methods only). */
  spooled?: SpooledFile[];
}

type Outcome = { value: unknown } | { fault: XmlRpcFault };

// Written once at load, so the last resort cannot itself fail to serialise.
const INTERNAL_FAULT = encodeFault(FaultCodes.internalError, 'Internal error: the request could not be completed.');

async function run(ctx: AppContext, registry: MethodRegistry, body: Buffer, info: RequestInfo): Promise<Outcome> {
  let methodName = '(unparsed)';
  try {
    const xml = decodeBody(body, info.contentType);
    refuseDeclarations(xml);
    const call = await decodeMethodCall(xml);
    methodName = call.methodName;
    const method = registry.get(methodName);
    if (!method) throw new XmlRpcFault(FaultCodes.methodNotFound, `Requested method ${methodName.slice(0, 100)} does not exist.`);
    const params = spooledParams(call.params, info.spooled ?? []) as unknown[];
    return { value: await method.handler({ params, ip: info.ip, userAgent: info.userAgent, ctx }) };
  } catch (error) {
    if (error instanceof XmlRpcFault) return { fault: error };
    ctx.log.error({ err: error, method: methodName.slice(0, 100) }, 'XML-RPC method failed');
    return { fault: new XmlRpcFault(FaultCodes.internalError, 'Internal error: the request could not be completed.') };
  }
}

export async function dispatch(ctx: AppContext, registry: MethodRegistry, body: Buffer, info: RequestInfo): Promise<string> {
  const outcome = await run(ctx, registry, body, info);
  try {
    if ('value' in outcome) return encodeMethodResponse(outcome.value);
    return encodeFault(outcome.fault.faultCode, outcome.fault.faultString);
  } catch (error) {
    ctx.log.error({ err: error }, 'XML-RPC answer could not be serialised');
    return INTERNAL_FAULT;
  }
}
