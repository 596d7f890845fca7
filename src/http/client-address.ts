import type { IncomingMessage } from 'node:http';
import { AddressSet, normalizeAddress } from '../auth/address.js';

export { normalizeAddress };

/** Per connection: a socket's peer never changes, and every request on it asks (twice). */
const peers = new WeakMap<object, string>();

/** The connection's own peer, normalized (`::ffff:10.0.0.1` is `10.0.0.1`). */
export function peerAddress(req: IncomingMessage): string {
  const socket = req.socket;
  let peer = peers.get(socket);
  if (peer === undefined) {
    peer = normalizeAddress(socket.remoteAddress ?? '');
    // An address not known yet (a socket being torn down) is not remembered.
    if (socket.remoteAddress !== undefined) peers.set(socket, peer);
  }
  return peer;
}

/**
 * The caller's address: what role mappings' `hosts` match, what failed logins are counted under, what the
 * audit log records. One notion for all three, so a throttle and a mapping can never disagree about who
 * is calling.
 *
 * `X-Forwarded-For` is believed only when the connection comes from a trusted proxy (`server.trustedProxies`,
 * addresses or CIDR ranges); otherwise anyone could claim any address. Walking from the nearest hop back and
 * skipping our own proxies, the first other address is the client: entries further left were written by the
 * client itself and prove nothing.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: AddressSet): string {
  const peer = peerAddress(req);
  if (!trustedProxies.has(peer)) return peer;
  const raw = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(raw) ? raw.join(',') : String(raw ?? ''))
    .split(',')
    .map((s) => normalizeAddress(s))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) if (!trustedProxies.has(forwarded[i]!)) return forwarded[i]!;
  return peer;
}
