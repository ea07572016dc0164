// The Windows Live Writer manifest (wlwmanifest.xml, linked from every page as WordPress did until 6.3):
// tells Live Writer and Open Live Writer what the blog supports so they show the right fields. Each option
// follows from the XML-RPC methods actually registered, so categories, tags and pages turn on by themselves
// when those features register their methods. Schema: http://schemas.microsoft.com/wlw/manifest/weblog.
import { xmlText } from '../content/escape.js';

type Has = (method: string) => boolean;

const yes = (on: boolean) => (on ? 'Yes' : 'No');

export function wlwOptions(has: Has): [string, string][] {
  const categories = has('wp.getCategories') || has('metaWeblog.getCategories');
  const pages = has('wp.getPages');
  return [
    // WordPress: Live Writer then uses the wp.* and metaWeblog.* calls our RSD document names.
    ['clientType', 'WordPress'],
    ['supportsCategories', yes(categories)],
    ['supportsMultipleCategories', yes(categories)],
    ['supportsHierarchicalCategories', yes(categories)],
    ['supportsNewCategories', yes(has('wp.newCategory'))],
    ['supportsKeywords', yes(has('wp.getTags'))],
    ['supportsGetTags', yes(has('wp.getTags'))],
    ['supportsPages', yes(pages)],
    ['supportsPageParent', yes(pages)],
    ['supportsPageOrder', yes(pages)],
    ['supportsPostAsDraft', 'Yes'],
    ['supportsFileUpload', yes(has('metaWeblog.newMediaObject'))],
    ['supportsExcerpt', 'Yes'],
    ['supportsSlug', 'Yes'],
    ['supportsCustomDate', 'Yes'],
    ['supportsCommentPolicy', 'Yes'],
    ['supportsPingPolicy', 'Yes'],
    ['supportsTrackbacks', 'Yes'],
    ['supportsPassword', 'Yes'],
    ['supportsAuthor', yes(has('wp.getAuthors'))],
    ['supportsEmbeds', 'Yes'],
    ['supportsScripts', 'Yes'],
  ];
}

export function wlwManifestXml(has: Has): string {
  const options = wlwOptions(has)
    .map(([name, value]) => `    <${name}>${xmlText(value)}</${name}>`)
    .join('\n');
  // {blog-postapi-url} is the XML-RPC endpoint (…/xmlrpc.php); Live Writer resolves "/../" against it.
  return `<?xml version="1.0" encoding="utf-8" ?>
<manifest xmlns="http://schemas.microsoft.com/wlw/manifest/weblog">
  <options>
${options}
  </options>
  <weblog>
    <serviceName>Backtalk</serviceName>
    <homepageLinkText>View site</homepageLinkText>
    <adminLinkText>Dashboard</adminLinkText>
    <adminUrl><![CDATA[{blog-postapi-url}/../admin]]></adminUrl>
    <postEditingUrl><![CDATA[{blog-postapi-url}/../admin/posts/{post-id}/edit]]></postEditingUrl>
  </weblog>
  <buttons>
    <button>
      <id>0</id>
      <text>Manage Comments</text>
      <clickUrl><![CDATA[{blog-postapi-url}/../admin/comments]]></clickUrl>
    </button>
  </buttons>
</manifest>
`;
}
