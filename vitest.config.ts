// The suite runs on SQLite always; the same tests run again on PostgreSQL when TEST_DATABASE_URL names one
// (.ci/run sets it when a server answers on 127.0.0.1:5432). Browser tests run once, on SQLite.
import { defineConfig } from 'vitest/config';

const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/**/*.test.ts'],
                // Pure code, no database: once is enough.
                exclude: [
                  'test/browser/**',
                  'test/runtime/**',
                  'test/net/**',
                  'test/linkbacks/discovery/**',
                  'test/config.test.ts',
                  'test/plain-messages.test.ts',
                  'test/content/**',
                  'test/http/redirect-target.test.ts',
                  'test/comments/reader-comment.test.ts',
                  'test/posts/{permalink,date-format,feed-content,feed,teaser}.test.ts',
                  'test/db/statement-cache.test.ts',
                  'test/cache/page-cache-parts.test.ts',
                ],
                env: { BACKTALK_TEST_DIALECT: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
