// The XML-RPC method registry: one place where publishing (metaWeblog.*, blogger.*, wp.*) and pingback.*
// methods are added. Handlers take the decoded params and return a plain value, or throw XmlRpcFault.
import type { AppContext } from '../context.js';

export class XmlRpcFault extends Error {
  constructor(readonly faultCode: number, readonly faultString: string) {
    super(faultString);
    this.name = 'XmlRpcFault';
  }
}

export interface XmlRpcCall {
  params: unknown[];
  ip: string;
  userAgent: string;
  ctx: AppContext;
}

export interface XmlRpcMethod {
  help: string;
  handler: (call: XmlRpcCall) => Promise<unknown>;
}

export class MethodRegistry {
  private readonly methods = new Map<string, XmlRpcMethod>();

  add(name: string, method: XmlRpcMethod): void {
    if (this.methods.has(name)) throw new Error(`XML-RPC method ${name} registered twice`);
    this.methods.set(name, method);
  }

  get(name: string): XmlRpcMethod | undefined {
    return this.methods.get(name);
  }

  names(): string[] {
    return [...this.methods.keys()].sort();
  }
}
