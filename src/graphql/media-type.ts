import { essence, GRAPHQL_RESPONSE_TYPE, JSON_TYPE, type GraphqlHttpRequest } from './request.js';

/** application/json unless the client accepts only the GraphQL-over-HTTP media type; null: neither (406). */
export function responseType(request: GraphqlHttpRequest): string | null {
  const accept = request.header('accept');
  if (!accept) return `${JSON_TYPE}; charset=utf-8`;
  const types = accept.split(',').map((t) => essence(t)!);
  if (types.some((t) => t === JSON_TYPE || t === '*/*' || t === 'application/*')) return `${JSON_TYPE}; charset=utf-8`;
  if (types.includes(GRAPHQL_RESPONSE_TYPE)) return `${GRAPHQL_RESPONSE_TYPE}; charset=utf-8`;
  return null;
}

