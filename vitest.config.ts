import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests that restart the database servers. They run in a second group, after every other test
// file has finished (sequence.groupOrder), one file at a time: a restart while other files run
// would break them.
const SERVER_FAULTS = 'test/reliability/faults/**/*.test.ts';

// Test files and fixtures that import the package by name ('relata', 'relata/typeorm',
// 'relata/nestjs', as the seeds' entity files do) get the sources, not dist/.
const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^relata$/, replacement: source('./src/index.ts') },
      { find: /^relata\/typeorm$/, replacement: source('./src/typeorm/index.ts') },
      { find: /^relata\/nestjs$/, replacement: source('./src/nestjs/index.ts') },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'relata',
          globalSetup: ['test/support/global-setup.ts'],
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, SERVER_FAULTS],
          typecheck: {
            enabled: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'server-faults',
          globalSetup: ['test/support/global-setup.ts'],
          include: [SERVER_FAULTS],
          fileParallelism: false,
          // A fault test may first wait (bounded) for other runs on this machine to finish; see test/reliability/support/servers.ts.
          testTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
