// Reads a WXR file with a real, strict XML parser (sax) into plain objects, for export tests: every
// well-formedness error throws. Element names keep their prefixes (wp:post_id), as WXR readers use them.
import { createRequire } from 'node:module';

interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}
interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (t: SaxTag) => void;
  onclosetag: () => void;
  ontext: (t: string) => void;
  oncdata: (t: string) => void;
  write(s: string): SaxParser;
  close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean, opts?: object): SaxParser };

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export function parseXml(xml: string): XmlNode {
  const parser = sax.parser(true, { trim: false, normalize: false });
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.onerror = (e) => {
    throw e;
  };
  parser.onopentag = (t) => {
    const node: XmlNode = { name: t.name, attrs: t.attributes, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => void (stack[stack.length - 1]!.text += t);
  parser.oncdata = (t) => void (stack[stack.length - 1]!.text += t);
  parser.write(xml).close();
  return root.children[0]!;
}

export const kids = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
export const kid = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
/** The text of the first child of that name ('' when there is none). */
export const field = (n: XmlNode, name: string): string => kid(n, name)?.text ?? '';

export interface WxrDocument {
  rss: XmlNode;
  channel: XmlNode;
  items: XmlNode[];
}

export function readWxr(xml: string): WxrDocument {
  const rss = parseXml(xml);
  const channel = kid(rss, 'channel')!;
  return { rss, channel, items: kids(channel, 'item') };
}

/** The post meta of an item as key → values. */
export function postMeta(item: XmlNode, tag = 'wp:postmeta'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of kids(item, tag)) out.set(field(m, 'wp:meta_key'), [...(out.get(field(m, 'wp:meta_key')) ?? []), field(m, 'wp:meta_value')]);
  return out;
}

/** Element names under a node, with how deep, as a set of "parent>child" paths (for comparing shapes). */
export function shape(n: XmlNode, prefix = n.name, out = new Set<string>()): Set<string> {
  for (const c of n.children) {
    const path = `${prefix}>${c.name}`;
    out.add(path);
    shape(c, path, out);
  }
  return out;
}
