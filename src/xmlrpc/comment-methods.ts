// wp.* comment moderation methods.
import type { AppContext } from '../context.js';
import type { MethodRegistry } from './registry.js';

export function registerCommentMethods(registry: MethodRegistry, ctx: AppContext): void {
  void registry;
  void ctx;
}
