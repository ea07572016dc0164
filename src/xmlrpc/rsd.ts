// Really Simple Discovery (the document at xmlrpc.php?rsd WordPress serves): how desktop editors such as
// MarsEdit and Open Live Writer find which APIs this endpoint speaks.
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function rsdDocument(siteUrl: string): string {
  const api = escapeXml(`${siteUrl}/xmlrpc.php`);
  const home = escapeXml(`${siteUrl}/`);
  const apis = ['WordPress', 'MetaWeblog', 'Blogger']
    .map((name) => `      <api name="${name}" blogID="1" preferred="${name === 'WordPress' ? 'true' : 'false'}" apiLink="${api}" />`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsd version="1.0" xmlns="http://archipelago.phrasewise.com/rsd">
  <service>
    <engineName>Backtalk</engineName>
    <engineLink>${home}</engineLink>
    <homePageLink>${home}</homePageLink>
    <apis>
${apis}
    </apis>
  </service>
</rsd>
`;
}
