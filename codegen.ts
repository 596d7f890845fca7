import type { CodegenConfig } from '@graphql-codegen/cli';

// Generates TypeScript types for the static parts of the API (schema/*.graphql). The per-permission-set
// parts are built at run time and typed by src/api/, not here. CI runs `npm run codegen:check`, which
// fails when src/api/generated/ is stale; never edit generated files by hand.
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/api/generated/graphql.ts': {
      plugins: [
        'typescript',
        'typescript-resolvers',
      ],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown', SafeInt: 'number' },
        contextType: '../kernel/context.js#ApiContext',
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
