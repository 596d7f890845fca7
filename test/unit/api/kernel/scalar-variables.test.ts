import fc from 'fast-check';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { describe, expect, it } from 'vitest';
import { coerceBuiltinScalars, coerceVariables } from '../../../../src/api/kernel/variables.js';

/**
 * The built-in-scalar fast path of variable coercion (src/api/kernel/variables.ts) must take exactly what
 * graphql-js takes and give exactly what it gives; anything else goes to graphql-js. Checked on generated
 * declarations and values, against graphql-js itself.
 */
const schema = buildSchema(`
  input Filter { a: String }
  enum Color { RED GREEN }
  type Query { f(s: String, i: Int, x: Float, b: Boolean, id: ID, w: Filter, c: Color): String }
`);

const SCALARS = ['String', 'Int', 'Float', 'Boolean', 'ID'] as const;
const operation = (decls: string): OperationDefinitionNode =>
  parse(`query Q${decls ? `(${decls})` : ''} { f }`).definitions[0] as OperationDefinitionNode;

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double(),
  fc.constantFrom(2147483647, 2147483648, -2147483648, -2147483649, 1.5, -0, Number.MAX_SAFE_INTEGER, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

describe('variable coercion fast path', () => {
  it('agrees with graphql-js wherever it answers, and answers the plain cases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...SCALARS), nonNull: fc.boolean(), given: fc.boolean(), v: value }), { minLength: 1, maxLength: 4 }),
        (vars) => {
          const decls = vars.map((d, i) => `$v${i}: ${d.type}${d.nonNull ? '!' : ''}`).join(', ');
          const op = operation(decls);
          const raw: Record<string, unknown> = {};
          vars.forEach((d, i) => {
            if (d.given) raw[`v${i}`] = d.v;
          });
          const fast = coerceBuiltinScalars(schema, op, raw);
          const slow = getVariableValues(schema, op.variableDefinitions ?? [], raw, { maxErrors: 20 });
          if (fast !== undefined) {
            // Whatever it answers, graphql-js answers the same values, without errors.
            expect(slow.errors).toBeUndefined();
            expect(fast).toEqual(slow.coerced);
            expect(Object.keys(fast).sort()).toEqual(Object.keys(slow.coerced ?? {}).sort());
          } else {
            // It declines only what graphql-js refuses: whatever graphql-js accepts, it answers itself.
            expect(slow.errors?.length ?? 0).toBeGreaterThan(0);
          }
          // And through the one entry point, the answer is graphql-js's either way.
          const both = coerceVariables(schema, op, raw);
          if (slow.errors) expect(both.ok).toBe(false);
          else expect(both).toEqual({ ok: true, values: slow.coerced });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves defaults, input objects, enums and lists to graphql-js', () => {
    for (const decls of ['$s: String = "x"', '$w: Filter', '$c: Color', '$l: [Int]', '$s: String, $w: Filter']) {
      expect(coerceBuiltinScalars(schema, operation(decls), {})).toBeUndefined();
    }
    // Defaults still apply through the entry point.
    expect(coerceVariables(schema, operation('$s: String = "x"'), {})).toEqual({ ok: true, values: { s: 'x' } });
    expect(coerceBuiltinScalars(schema, operation('$s: String, $id: ID!'), { s: 'a', id: 7 })).toEqual({ s: 'a', id: '7' });
  });
});
