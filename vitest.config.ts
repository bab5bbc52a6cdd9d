import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure code (rules, standards, web helpers); `db` talks to a
// database (PGlite by default, the PostgreSQL server when DATABASE_URL is set).
export default defineConfig({
  test: {
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/rules/**/*.test.ts', 'src/standards/**/*.test.ts', 'src/web/**/*.test.{ts,tsx}', 'src/cli/**/*.unit.test.ts', 'src/server/i18n/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/server/**/*.test.ts', 'src/modules/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['src/server/i18n/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
