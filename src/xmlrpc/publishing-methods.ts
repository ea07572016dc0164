// metaWeblog / blogger publishing methods.
import type { AppContext } from '../context.js';
import type { MethodRegistry } from './registry.js';

export function registerPublishingMethods(registry: MethodRegistry, ctx: AppContext): void {
  void registry;
  void ctx;
}
