/**
 * The value hashes of OpenSearch's `cardinality` aggregation and the encoding its HyperLogLog++ keeps them in
 * while it counts by linear counting (hunt2 H2-36), written from the published algorithms: longs (integers,
 * dates, booleans) through the 64-bit "variant 9" bit mixer (David Stafford's Mix09, hppc's BitMixer.mix64),
 * doubles (float fields widened) through the same mixer of their IEEE bits, strings through the first half of
 * MurmurHash3 x64 128 of their UTF-8 bytes (seed 0). A hash is kept as its top 25 bits (plus a run length when
 * the bits below the precision are all zero), so distinct values can share an encoding; the count is then
 * linear counting over 2^25 slots: round(2^25 * ln(2^25 / (2^25 - encodings))).
 */
const MASK = (1n << 64n) - 1n;

export function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 32n)) * 0x4cd6944c5cc20b6dn) & MASK;
  z = ((z ^ (z >> 29n)) * 0xfc12c5b19d3259e9n) & MASK;
  return z ^ (z >> 32n);
}

const view = new DataView(new ArrayBuffer(8));

export function doubleBits(v: number): bigint {
  view.setFloat64(0, v);
  return view.getBigUint64(0);
}

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;

function fmix(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & MASK;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & MASK;
  return k ^ (k >> 33n);
}

const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;
const encoder = new TextEncoder();

/** h1 of MurmurHash3 x64 128 (seed 0) of the UTF-8 bytes of `s`. */
export function murmur3h1(s: string): bigint {
  const b = encoder.encode(s);
  const len = b.length;
  const le = (at: number, n: number): bigint => {
    let x = 0n;
    for (let i = n - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[at + i]!);
    return x;
  };
  let h1 = 0n;
  let h2 = 0n;
  const blocks = len >> 4;
  for (let i = 0; i < blocks; i++) {
    let k1 = le(i * 16, 8);
    let k2 = le(i * 16 + 8, 8);
    k1 = (rotl((k1 * C1) & MASK, 31n) * C2) & MASK;
    h1 ^= k1;
    h1 = (((rotl(h1, 27n) + h2) & MASK) * 5n + 0x52dce729n) & MASK;
    k2 = (rotl((k2 * C2) & MASK, 33n) * C1) & MASK;
    h2 ^= k2;
    h2 = (((rotl(h2, 31n) + h1) & MASK) * 5n + 0x38495ab5n) & MASK;
  }
  const tail = blocks * 16;
  const rest = len & 15;
  if (rest > 8) {
    const k2 = le(tail + 8, rest - 8);
    h2 ^= (rotl((k2 * C2) & MASK, 33n) * C1) & MASK;
  }
  if (rest > 0) {
    const k1 = le(tail, Math.min(rest, 8));
    h1 ^= (rotl((k1 * C1) & MASK, 31n) * C2) & MASK;
  }
  const n = BigInt(len);
  h1 ^= n;
  h2 ^= n;
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  h1 = fmix(h1);
  h2 = fmix(h2);
  return (h1 + h2) & MASK;
}

const P2 = 25n;

/** The 32-bit form linear counting keeps of a 64-bit hash at precision p. */
export function encodeHash(hash: bigint, p: number): bigint {
  const e = hash >> (64n - P2);
  if ((e & ((1n << (P2 - BigInt(p))) - 1n)) === 0n) {
    const rest = (hash << P2) & MASK;
    const clz = rest === 0n ? 64 : 64 - rest.toString(2).length;
    const runLen = 1 + Math.min(clz, 64 - 25);
    return (e << 7n) | (BigInt(runLen) << 1n) | 1n;
  }
  return e << 1n;
}

/** Linear counting's answer for `size` distinct encodings. */
export function linearCount(size: number): number {
  const m = 2 ** 25;
  return Math.round(m * Math.log(m / (m - size)));
}
