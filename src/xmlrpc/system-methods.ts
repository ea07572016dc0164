// Introspection conventions (system.listMethods, system.methodHelp, system.getCapabilities). No
// system.multicall: it lets one request carry hundreds of password guesses past per-request limits.
import { expectArity, invalidParams, stringParam } from './params.js';
import type { MethodRegistry } from './registry.js';

export function registerSystemMethods(registry: MethodRegistry): void {
  registry.add('system.listMethods', {
    help: 'system.listMethods(): the names of the methods this server offers.',
    handler: async (call) => {
      expectArity(call.params, 0);
      return registry.names();
    },
  });
  registry.add('system.methodHelp', {
    help: 'system.methodHelp(name): what a method does and its parameters.',
    handler: async (call) => {
      expectArity(call.params, 1);
      const method = registry.get(stringParam(call.params[0], 'name'));
      if (!method) throw invalidParams('No such method.');
      return method.help;
    },
  });
  registry.add('system.getCapabilities', {
    help: 'system.getCapabilities(): the specifications this server follows.',
    handler: async (call) => {
      expectArity(call.params, 0);
      return {
        xmlrpc: { specUrl: 'http://www.xmlrpc.com/spec', specVersion: 1 },
        faults_interop: { specUrl: 'http://xmlrpc-epi.sourceforge.net/specs/rfc.fault_codes.php', specVersion: 20010516 },
        introspection: { specUrl: 'http://xmlrpc.usefulinc.com/doc/reserved.html', specVersion: 1 },
      };
    },
  });
}
