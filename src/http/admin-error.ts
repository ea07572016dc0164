// Issue 16 point 4: an error on an admin address is said in the admin layout (with the menu for a signed-in
// user) and offers the way back to the screen it came from, never the public theme's "go to the home page".
import type { FastifyRequest } from 'fastify';

export interface BackLink {
  href: string;
  label: string;
}

/** Admin screens by address prefix, longest first: where "back" goes from any address under them. */
const SCREENS: [prefix: string, back: BackLink][] = [
  ['/admin/settings/reading', { href: '/admin/settings/reading', label: 'Reading settings' }],
  ['/admin/settings/discussion', { href: '/admin/settings/discussion', label: 'Discussion settings' }],
  ['/admin/settings/media', { href: '/admin/settings/media', label: 'Media settings' }],
  ['/admin/settings', { href: '/admin/settings', label: 'Settings' }],
  ['/admin/posts', { href: '/admin/posts', label: 'All posts' }],
  ['/admin/pages', { href: '/admin/pages', label: 'All pages' }],
  ['/admin/comments', { href: '/admin/comments', label: 'Comments' }],
  ['/admin/categories', { href: '/admin/categories', label: 'Categories' }],
  ['/admin/tags', { href: '/admin/tags', label: 'Tags' }],
  ['/admin/media', { href: '/admin/media', label: 'Media library' }],
  ['/admin/deliveries', { href: '/admin/deliveries', label: 'Deliveries' }],
  ['/admin/users', { href: '/admin/users', label: 'All users' }],
  ['/admin/profile', { href: '/admin/profile', label: 'Profile' }],
  ['/admin/login', { href: '/admin/login', label: 'Log in' }],
  ['/admin/setup', { href: '/admin/setup', label: 'Setup' }],
];

export function isAdminUrl(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/admin' || path.startsWith('/admin/');
}

/** The screen to go back to from an admin address; the dashboard (or the login page) when none matches. */
export function backFor(request: Pick<FastifyRequest, 'url' | 'user'>): BackLink {
  const path = request.url.split('?')[0];
  const hit = SCREENS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  if (hit) return hit[1];
  return request.user ? { href: '/admin', label: 'Dashboard' } : { href: '/admin/login', label: 'Log in' };
}
