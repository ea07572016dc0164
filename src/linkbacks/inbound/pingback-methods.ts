// pingback.* XML-RPC methods.
import type { AppContext } from '../../context.js';
import type { MethodRegistry } from '../../xmlrpc/registry.js';

export function registerPingbackMethods(registry: MethodRegistry, ctx: AppContext): void {
  void registry;
  void ctx;
}
