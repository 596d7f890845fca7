import { BlockList, isIP } from 'node:net';

/**
 * Client addresses as authentication sees them. Two spellings of one host must compare equal
 * (`::ffff:10.0.0.1` is `10.0.0.1`), otherwise a trust list or a throttle could be sidestepped by
 * switching socket families.
 */

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** Canonical form: IPv4-mapped IPv6 becomes IPv4, zone ids are dropped, IPv6 is lower-cased. Empty if not an IP. */
export function normalizeAddress(raw: string): string {
  let addr = raw.trim();
  if (addr.startsWith('[') && addr.endsWith(']')) addr = addr.slice(1, -1);
  const zone = addr.indexOf('%');
  if (zone >= 0) addr = addr.slice(0, zone);
  const dotted = MAPPED_DOTTED.exec(addr);
  if (dotted && isIP(dotted[1]!) === 4) return dotted[1]!;
  const hex = MAPPED_HEX.exec(addr);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const family = isIP(addr);
  if (family === 4) return addr;
  if (family === 6) return addr.toLowerCase();
  return '';
}

/** Parses `ip` or `ip/prefix`; returns a message when it is not one. */
export function checkAddressOrCidr(entry: string): string | undefined {
  const [ip, prefix, extra] = entry.split('/');
  if (extra !== undefined || ip === undefined) return `"${entry}" is not an IP address or CIDR`;
  const family = isIP(ip);
  if (family === 0) return `"${entry}" is not an IP address or CIDR`;
  if (prefix === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${entry}" has a prefix length outside 0..${max}`;
  return undefined;
}

const MAX_REMEMBERED_ADDRESSES = 4096;

/** A set of trusted addresses/networks. Entries must have passed `checkAddressOrCidr`. */
export class AddressSet {
  private readonly list = new BlockList();
  private readonly empty: boolean;
  /**
   * Answers by address, asked on every request: BlockList.check builds a SocketAddress each time (≈3 µs).
   * Bounded: cleared when full, so a scan from many addresses costs a recomputation, never memory.
   */
  private readonly answers = new Map<string, boolean>();

  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [rawIp, prefix] = entry.split('/');
      const ip = normalizeAddress(rawIp!);
      if (!ip) throw new Error(`not an IP address: ${entry}`);
      const type = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
      // A mapped IPv6 entry was normalised to IPv4: its prefix counted the 96 mapping bits.
      let bits = prefix === undefined ? undefined : Number(prefix);
      if (bits !== undefined && type === 'ipv4' && isIP(rawIp!) === 6) bits = Math.max(0, bits - 96);
      if (bits === undefined) this.list.addAddress(ip, type);
      else this.list.addSubnet(ip, bits, type);
    }
  }

  has(rawAddress: string): boolean {
    if (this.empty) return false;
    const known = this.answers.get(rawAddress);
    if (known !== undefined) return known;
    const ip = normalizeAddress(rawAddress);
    const answer = ip !== '' && this.list.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
    if (this.answers.size >= MAX_REMEMBERED_ADDRESSES) this.answers.clear();
    this.answers.set(rawAddress, answer);
    return answer;
  }
}

/**
 * The key failed logins are counted under. IPv6 clients usually hold a whole /64, so counting single
 * addresses there would give an attacker 2^64 fresh counters.
 */
export function throttleAddressKey(rawAddress: string): string {
  const ip = normalizeAddress(rawAddress);
  if (!ip) return 'invalid';
  if (isIP(ip) === 4) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  // Embedded dotted IPv4 tails (other than the mapped form handled above) only affect the last 32 bits.
  const [head = '', tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0');
  return [...h, ...fill, ...t].map((g) => (g.includes('.') ? g : parseInt(g, 16).toString(16)));
}
