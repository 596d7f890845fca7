import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An independent AWS Signature Version 4 verifier, written from the published algorithm (canonical request ->
 * string to sign -> derived signing key -> HMAC), so tests can check what the client's signer produced
 * without trusting the signer. Deliberately shares no code with aws4 or @smithy/signature-v4.
 */

export interface ReceivedRequest {
  method: string;
  /** The request target as it arrived on the wire: path plus optional `?query`. */
  target: string;
  /** Header names in any case; repeated headers joined with ',' (as node:http does). */
  headers: Record<string, string>;
  body: Buffer;
}

export interface VerifyExpectations {
  secretAccessKey: string;
  accessKeyId: string;
  region: string;
  service: string;
  /** Reject an x-amz-date further than 15 minutes from this instant (AWS's tolerance). Omit to skip. */
  now?: Date;
}

export type VerifyResult =
  | { ok: true; scope: CredentialScope; signedHeaders: string[]; canonicalRequest: string }
  | { ok: false; reason: string };

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ (encodeURIComponent leaves !'()* alone). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Canonical URI for services other than S3: normalized path, each segment URI-encoded (again). */
export function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      out.pop();
      continue;
    }
    out.push(uriEncode(segment));
  }
  return `/${out.join('/')}${path.endsWith('/') && out.length > 0 ? '/' : ''}`;
}

/** Canonical query: decode each pair, re-encode name and value, sort by name then value. */
export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function parseAuthorization(value: string):
  | { scope: CredentialScope; signedHeaders: string[]; signature: string }
  | string {
  const prefix = 'AWS4-HMAC-SHA256 ';
  if (!value.startsWith(prefix)) return 'authorization is not AWS4-HMAC-SHA256';
  const parts = new Map<string, string>();
  for (const piece of value.slice(prefix.length).split(',')) {
    const eq = piece.indexOf('=');
    if (eq < 0) return `malformed authorization component "${piece.trim()}"`;
    parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const credential = parts.get('Credential');
  const signed = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || !signed || !signature) return 'authorization lacks Credential, SignedHeaders or Signature';
  const c = credential.split('/');
  if (c.length !== 5 || c[4] !== 'aws4_request') return `malformed credential scope "${credential}"`;
  const [accessKeyId, date, region, service] = c as [string, string, string, string, string];
  return { scope: { accessKeyId, date, region, service }, signedHeaders: signed.split(';'), signature };
}

/** Verifies a request's SigV4 Authorization header. Never throws; says why on failure. */
export function verifySigV4(req: ReceivedRequest, expect: VerifyExpectations): VerifyResult {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) headers.set(name.toLowerCase(), value);

  const authorization = headers.get('authorization');
  if (!authorization) return { ok: false, reason: 'no authorization header' };
  const auth = parseAuthorization(authorization);
  if (typeof auth === 'string') return { ok: false, reason: auth };
  const { scope, signedHeaders, signature } = auth;

  if (scope.accessKeyId !== expect.accessKeyId) return { ok: false, reason: `unknown access key ${scope.accessKeyId}` };
  if (scope.region !== expect.region) return { ok: false, reason: `scope region ${scope.region} != ${expect.region}` };
  if (scope.service !== expect.service) return { ok: false, reason: `scope service ${scope.service} != ${expect.service}` };

  const amzDate = headers.get('x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) return { ok: false, reason: 'missing or malformed x-amz-date' };
  if (amzDate.slice(0, 8) !== scope.date) return { ok: false, reason: 'x-amz-date day differs from the scope date' };
  if (expect.now) {
    const at = Date.UTC(
      Number(amzDate.slice(0, 4)), Number(amzDate.slice(4, 6)) - 1, Number(amzDate.slice(6, 8)),
      Number(amzDate.slice(9, 11)), Number(amzDate.slice(11, 13)), Number(amzDate.slice(13, 15)),
    );
    if (Math.abs(at - expect.now.getTime()) > 15 * 60_000) return { ok: false, reason: 'x-amz-date outside 15 minutes' };
  }

  const sorted = [...signedHeaders].sort();
  if (sorted.join(';') !== signedHeaders.join(';')) return { ok: false, reason: 'SignedHeaders not sorted' };
  if (!signedHeaders.includes('host')) return { ok: false, reason: 'host is not signed' };
  // A present security token must be covered by the signature, or it could be swapped.
  if (headers.has('x-amz-security-token') && !signedHeaders.includes('x-amz-security-token')) {
    return { ok: false, reason: 'x-amz-security-token is present but not signed' };
  }
  const canonicalHeaders: string[] = [];
  for (const name of signedHeaders) {
    const value = headers.get(name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    canonicalHeaders.push(`${name}:${value.trim().replace(/\s+/g, ' ')}\n`);
  }

  const payloadHash = sha256Hex(req.body);
  const declared = headers.get('x-amz-content-sha256');
  if (declared !== undefined && declared !== payloadHash) {
    return { ok: false, reason: 'x-amz-content-sha256 does not match the body' };
  }

  const q = req.target.indexOf('?');
  const path = q < 0 ? req.target : req.target.slice(0, q);
  const query = q < 0 ? '' : req.target.slice(q + 1);
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders.join(''),
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');

  const scopeString = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scopeString, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${expect.secretAccessKey}`, scope.date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  const kSigning = hmac(kService, 'aws4_request');
  const expected = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');

  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'signature does not match' };
  return { ok: true, scope, signedHeaders, canonicalRequest };
}
