// What crawlers and desktop editors fetch from a site's root: /robots.txt, /sitemap.xml with its files
// (sitemap-<section>-<n>.xml), /wlwmanifest.xml and /favicon.ico. With "Discourage search engines" on, the
// sitemaps answer 404 as WordPress's do (wp_sitemaps_get_server()->sitemaps_enabled() is false then).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { inputOf, queryText } from '../http/input.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { robotsTxt } from './robots.js';
import { sitemapProviders } from './sitemap-providers.js';
import { MAX_URLS_PER_SITEMAP, sitemapIndexXml, urlsetXml } from './sitemap-xml.js';
import { wlwManifestXml } from './wlwmanifest.js';

const XML = 'application/xml; charset=utf-8';
const fileParams = inputOf({ n: queryText.transform((raw) => (/^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : null)) });

export async function discoveryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const perFile = Math.min(MAX_URLS_PER_SITEMAP, Math.max(2, ctx.config.sitemapMaxUrls ?? MAX_URLS_PER_SITEMAP));
  const site = async () => {
    const settings = await loadSettings(ctx.db);
    return { settings, url: siteUrl(ctx.config, settings) };
  };

  app.get('/robots.txt', async (_request, reply) => {
    const { settings, url } = await site();
    return reply.type('text/plain; charset=utf-8').send(robotsTxt(url, settings.blog_public));
  });

  app.get('/sitemap.xml', SHARED_PAGE, async (_request, reply) => {
    const { settings, url } = await site();
    if (!settings.blog_public) return reply.callNotFound();
    const files: { loc: string }[] = [];
    for (const provider of sitemapProviders) {
      for (const n of await provider.pages(ctx, perFile)) files.push({ loc: `${url}/sitemap-${provider.name}-${n}.xml` });
    }
    return reply.type(XML).send(sitemapIndexXml(files));
  });

  for (const provider of sitemapProviders) {
    app.get(`/sitemap-${provider.name}-:n(^\\d+).xml`, SHARED_PAGE, async (request, reply: FastifyReply) => {
      const { settings, url } = await site();
      const { n } = fileParams.parse(request.params);
      if (!settings.blog_public || n === null) return reply.callNotFound();
      const entries = await provider.entries(ctx, n, perFile, url);
      if (entries.length === 0) return reply.callNotFound();
      return reply.type(XML).send(urlsetXml(entries));
    });
  }

  let manifest: string | null = null;
  app.get('/wlwmanifest.xml', async (_request, reply) => {
    // The registered methods are fixed once the app is built.
    manifest ??= wlwManifestXml((name) => app.xmlrpcMethods.get(name) !== undefined);
    return reply.type('text/xml; charset=utf-8').send(manifest);
  });

  // Browsers ask for /favicon.ico whatever the page says; send them to the site icon, if there is one.
  app.get('/favicon.ico', async (_request, reply) => {
    const { settings, url } = await site();
    if (!settings.site_icon) return reply.code(404).type('text/plain; charset=utf-8').send('No site icon is set.');
    // Through URL: the Location header is ASCII whatever the stored path holds.
    return reply.redirect(new URL(settings.site_icon, `${url}/`).href, 302);
  });
}
