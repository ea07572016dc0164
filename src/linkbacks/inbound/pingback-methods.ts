// pingback.ping and pingback.extensions.getPingbacks on /xmlrpc (PB §3, linkback-protocols §1.5, §1.7).
// Faults follow the spec's codes; every failure to fetch the source is one code and one message (16), so
// the endpoint cannot be used to probe which hosts or ports answer (§1.8).
import type { AppContext } from '../../context.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../../xmlrpc/registry.js';
import { loadSiteUrl } from '../../settings/site-url.js';
import { approvedSources } from '../../comments/linkback-repository.js';
import { receiveNow } from './receive.js';
import { PINGBACK_FAULTS } from './answers.js';
import { resolveTarget } from './target.js';
import { parseHttpUrl } from './urls.js';

const INVALID_PARAMS = -32602;

function stringParams(call: XmlRpcCall, count: number): string[] {
  if (call.params.length !== count || call.params.some((p) => typeof p !== 'string')) {
    throw new XmlRpcFault(INVALID_PARAMS, `Expected ${count} string parameter${count === 1 ? '' : 's'}.`);
  }
  return call.params as string[];
}

export async function pingbackPing(ctx: AppContext, call: XmlRpcCall): Promise<string> {
  const [source, target] = stringParams(call, 2);
  const result = await receiveNow(ctx, { protocol: 'pingback', source, target, ip: call.ip, userAgent: call.userAgent });
  if (!result.ok) throw new XmlRpcFault(PINGBACK_FAULTS[result.refusal.kind], result.refusal.message);
  return `Pingback from ${source.trim()} to ${target.trim()} registered. Keep the web talking!`;
}

export async function getPingbacks(ctx: AppContext, call: XmlRpcCall): Promise<string[]> {
  const [url] = stringParams(call, 1);
  const target = parseHttpUrl(url);
  if (!target) throw new XmlRpcFault(33, 'The URL is not a post on this site.');
  const mapped = await resolveTarget(ctx.db, target, await loadSiteUrl(ctx.db, ctx.config));
  if (!mapped.ok) throw new XmlRpcFault(mapped.why === 'no_such_post' ? 32 : 33, mapped.message);
  return approvedSources(ctx.db, mapped.post.id);
}

export function registerPingbackMethods(registry: MethodRegistry, ctx: AppContext): void {
  registry.add('pingback.ping', {
    help: 'pingback.ping(sourceURI, targetURI): tells this blog that sourceURI links to one of its posts (Pingback 1.0).',
    handler: (call) => pingbackPing(ctx, call),
  });
  registry.add('pingback.extensions.getPingbacks', {
    help: 'pingback.extensions.getPingbacks(url): the source URLs of the approved linkbacks of the post at url.',
    handler: (call) => getPingbacks(ctx, call),
  });
}
