// /robots.txt as WordPress writes it (do_robots, WordPress 5.3+): crawlers kept out of the admin, the
// sitemap announced; with "Discourage search engines" (blog_public off) everything is disallowed and no
// sitemap is named. WordPress also allows /wp-admin/admin-ajax.php, which front-end scripts call; nothing
// under our /admin/ serves readers, so there is nothing to allow back.

export function robotsTxt(siteUrl: string, blogPublic: boolean): string {
  if (!blogPublic) return 'User-agent: *\nDisallow: /\n';
  return `User-agent: *\nDisallow: /admin/\n\nSitemap: ${siteUrl}/sitemap.xml\n`;
}
