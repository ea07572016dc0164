// Security headers on every response (helmet): a Content-Security-Policy that allows only this site's own
// scripts, styles and forms (images from anywhere, as posts embed them), no framing by other sites.
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
}
