import { AddressSet } from './address.js';
import type { ProxyDomainConfig } from './config.js';
import { invalid, singleHeader, type AuthDomain, type AuthRequest, type Identity, type Presented } from './domain.js';

/**
 * Identity asserted by an authenticating reverse proxy in request headers. Anyone can send those
 * headers, so they count only when the connection comes from a configured proxy address.
 *
 * Headers from any other address are treated as *invalid credentials*, not as absent ones: the request
 * is refused (and counted as a failed login for its address) instead of falling through to anonymous
 * access. A spoofing attempt thus never yields a principal, and a misrouted request (proxy bypassed)
 * fails loudly rather than quietly running as anonymous. Other domains may still accept the request
 * on their own credentials (e.g. valid Basic).
 */
export function proxyDomain(config: ProxyDomainConfig): AuthDomain {
  const trusted = new AddressSet(config.trustedProxies);
  const attributeHeaders = Object.entries(config.attributeHeaders ?? {});

  return {
    name: config.name,
    extract(req: AuthRequest): Presented | undefined {
      const user = singleHeader(req, config.userHeader);
      const roles = singleHeader(req, config.rolesHeader);
      const anyAsserted =
        user.repeated || user.value !== undefined || roles.repeated || roles.value !== undefined ||
        attributeHeaders.some(([, h]) => req.headers[h] !== undefined);
      if (!anyAsserted) return undefined;
      if (!trusted.has(req.remoteAddress)) return invalid(`proxy headers from untrusted address ${req.remoteAddress}`);
      if (user.repeated || roles.repeated) return invalid('repeated proxy identity header');
      // Roles or attributes without a user name assert nothing usable; refuse rather than guess.
      if (user.value === undefined || user.value.trim() === '') return invalid('proxy request without a user name');

      const attributes: Record<string, string> = {};
      for (const [attr, header] of attributeHeaders) {
        const v = singleHeader(req, header);
        if (v.repeated) return invalid(`repeated proxy attribute header ${header}`);
        if (v.value !== undefined) attributes[`proxy.${attr}`] = v.value;
      }
      const identity: Identity = {
        name: user.value,
        // Kept exactly as sent: a role with padding is a different role, never silently the trimmed one.
        backendRoles: roles.value === undefined ? [] : roles.value.split(config.rolesSeparator).filter((r) => r.length > 0),
        directRoles: [],
        attributes,
        authType: 'proxy',
      };
      return { user: identity.name, peek: () => identity, verify: async () => ({ kind: 'ok', identity }) };
    },
  };
}
