// Every XML-RPC method about categories and tags, registered from features.ts.
import type { MethodRegistry } from '../xmlrpc/registry.js';
import { registerCategoryMethods } from './xmlrpc-category-methods.js';
import { registerTermMethods } from './xmlrpc-term-methods.js';

export function registerTaxonomyMethods(registry: MethodRegistry): void {
  registerTermMethods(registry);
  registerCategoryMethods(registry);
}
