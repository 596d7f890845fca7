/**
 * For the `default` of a `switch` over a union: it compiles only when every member has a case, so adding a
 * member fails the build at each switch that forgot it. Reaching it at run time is a bug, not bad input.
 */
export function unreachable(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
