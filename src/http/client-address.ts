import type { IncomingMessage } from 'node:http';

/**
 * The caller's address for role mappings' `hosts`. `X-Forwarded-For` is believed only when the connection
 * comes from a configured proxy; otherwise anyone could claim any address.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? '');
  if (!trustedProxies.has(peer)) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => normalizeAddress(s.trim()))
    .filter(Boolean);
  // Walk from the nearest hop back, skipping our own proxies: the first other address is the client.
  for (let i = forwarded.length - 1; i >= 0; i--) if (!trustedProxies.has(forwarded[i]!)) return forwarded[i]!;
  return peer;
}

export function normalizeAddress(addr: string): string {
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
