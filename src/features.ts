// Every feature's entry point, in the order they are wired: job handlers, XML-RPC methods, routes.
// A new feature adds one line here.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { registerPostJobs } from './posts/service.js';
import { postRoutes } from './posts/routes.js';
import { renderPostPage } from './site/post-page.js';
import { postPasswordRoutes } from './site/post-password-routes.js';
import { feedRoutes } from './posts/feed-routes.js';
import { commentRoutes } from './comments/routes.js';
import { commentFeedRoutes, postCommentFeed } from './comments/feed-routes.js';
import { registerCommentJobs } from './comments/jobs.js';
import { setupRoutes } from './admin/setup-routes.js';
import { authRoutes } from './admin/auth-routes.js';
import { dashboardRoutes } from './admin/dashboard-routes.js';
import { adminPostRoutes } from './admin/posts-routes.js';
import { adminPageRoutes } from './admin/pages-routes.js';
import { adminWritingRoutes } from './admin/writing-routes.js';
import { adminRevisionRoutes } from './admin/revisions-routes.js';
import { settingsRoutes } from './admin/settings-routes.js';
import { readingRoutes } from './admin/reading-routes.js';
import { moderationRoutes } from './admin/comments-routes.js';
import { discussionRoutes } from './admin/discussion-routes.js';
import { deliveryRoutes } from './admin/deliveries-routes.js';
import { xmlrpcRoutes } from './xmlrpc/routes.js';
import { registerPublishingMethods } from './posts/xmlrpc-publishing-methods.js';
import { registerCommentMethods } from './comments/xmlrpc-methods.js';
import { registerWpOptionsMethods } from './settings/xmlrpc-options-methods.js';
import { registerUserMethods } from './users/xmlrpc-user-methods.js';
import { inboundRoutes } from './linkbacks/inbound/routes.js';
import { registerPingbackMethods } from './linkbacks/inbound/pingback-methods.js';
import { registerInboundJobs } from './linkbacks/inbound/jobs.js';
import { registerOutboundJobs } from './linkbacks/outbound/jobs.js';
import { registerMaintenance } from './maintenance/sweep.js';
import { healthRoutes } from './health/routes.js';
import { mediaFeature } from './media/index.js';
import { termArchiveRoutes } from './terms/archive-routes.js';
import { adminTermRoutes } from './admin/terms-routes.js';
import { registerTaxonomyMethods } from './terms/xmlrpc-methods.js';
import { searchRoutes } from './search/routes.js';
import { discoveryRoutes } from './discovery/routes.js';
import { applicationPasswordRoutes } from './admin/application-passwords-routes.js';
import { privacyRoutes } from './admin/privacy-routes.js';
import { registerIpRetention } from './comments/ip-retention.js';
import { mailFeature } from './mail/index.js';
import { lostPasswordRoutes } from './admin/lost-password-routes.js';
import { exportRoutes } from './admin/export-routes.js';
import { registerImportJobs } from './import/runs.js';
import { adminImportRoutes } from './admin/import-routes.js';
import { authorPhotoRoute } from './comments/author-photo-route.js';
import { selectStorage } from './media/select-storage.js';

export type Feature = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;

export const features: Feature[] = [
  (_app, ctx) => registerPostJobs(ctx),
  (_app, ctx) => registerCommentJobs(ctx),
  (_app, ctx) => registerInboundJobs(ctx),
  (_app, ctx) => registerOutboundJobs(ctx),
  (_app, ctx) => registerMaintenance(ctx),
  (_app, ctx) => registerIpRetention(ctx),
  (_app, ctx) => registerImportJobs(ctx),
  (app) => registerPublishingMethods(app.xmlrpcMethods),
  (app) => registerCommentMethods(app.xmlrpcMethods),
  (app) => registerWpOptionsMethods(app.xmlrpcMethods),
  (app) => registerUserMethods(app.xmlrpcMethods),
  (app) => registerTaxonomyMethods(app.xmlrpcMethods),
  (app, ctx) => registerPingbackMethods(app.xmlrpcMethods, ctx),
  healthRoutes,
  setupRoutes,
  authRoutes,
  lostPasswordRoutes,
  dashboardRoutes,
  adminPostRoutes,
  adminPageRoutes,
  adminTermRoutes,
  adminWritingRoutes,
  adminRevisionRoutes,
  settingsRoutes,
  readingRoutes,
  moderationRoutes,
  discussionRoutes,
  deliveryRoutes,
  applicationPasswordRoutes,
  privacyRoutes,
  exportRoutes,
  mediaFeature,
  (app, ctx) => authorPhotoRoute(app, ctx, selectStorage(ctx)),
  mailFeature,
  adminImportRoutes,
  xmlrpcRoutes,
  inboundRoutes,
  feedRoutes,
  termArchiveRoutes,
  commentFeedRoutes,
  searchRoutes,
  discoveryRoutes,
  (app, ctx) => commentRoutes(app, ctx, (reply, post, opts) => renderPostPage(reply, ctx, post, opts)),
  postPasswordRoutes,
  (app, ctx) =>
    postRoutes(
      app,
      ctx,
      (reply, post, opts) => renderPostPage(reply, ctx, post, opts),
      (reply, post, selfPath) => postCommentFeed(ctx, reply, selfPath, post),
    ),
];
