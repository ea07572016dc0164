// The real WordPress 6.1 export (copied from ../shared/fixtures/wordpress into the repository's fixtures/,
// so a clean clone has it; see fixtures/wordpress/README.md). WXR_FIXTURE points the tests at another export.
import { fileURLToPath } from 'node:url';

export function wordpressFixture(name = 'wxr-6.1-harbour.xml'): string {
  return process.env.WXR_FIXTURE ?? fileURLToPath(new URL(`../../fixtures/wordpress/${name}`, import.meta.url));
}
