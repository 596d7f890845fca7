import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for dependencies such as
    // @apollo/server; Vite would pick the ESM one for our sources. Two copies break `instanceof` checks
    // ("Cannot use GraphQLSchema from another module or realm"), so everything gets the one Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Integration suites start gateways and engines on loopback ports; keep the
    // suite deterministic on 2-core machines rather than maximally parallel.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
