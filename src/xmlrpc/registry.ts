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
  /** The call carries a whole post (newPost, editPost): its body may be as large as the largest valid post. */
  carriesPost?: boolean;
  /** A larger body cap of the method's own (uploads: base64 of the largest allowed file), read per request. */
  bodyLimit?: (ctx: AppContext) => Promise<number>;
  /** Its <base64> values arrive as SpooledFile (temp files written while the body is read), not Buffers. */
  spoolsBase64?: boolean;
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

  /** Whether a call to `name` may carry a whole post (see body.ts bodyLimitFor). */
  carriesPost(name: string): boolean {
    return this.methods.get(name)?.carriesPost === true;
  }

  /** The methods with a body cap of their own, each with its cap now. */
  async ownBodyLimits(ctx: AppContext): Promise<Map<string, number>> {
    const limits = new Map<string, number>();
    for (const [name, method] of this.methods) if (method.bodyLimit) limits.set(name, await method.bodyLimit(ctx));
    return limits;
  }

  /** Whether a call to `name` has its <base64> text written to disk as it arrives (base64-spool.ts). */
  spoolsBase64(name: string): boolean {
    return this.methods.get(name)?.spoolsBase64 === true;
  }

  names(): string[] {
    return [...this.methods.keys()].sort();
  }
}
