/**
 * Lucene's lossy field-length encoding (SmallFloat.intToByte4 / byte4ToInt), so BM25 length normalisation,
 * and therefore hit order among near ties, comes out like OpenSearch's.
 */
const NUM_FREE_VALUES = 24; // 255 - longToInt4(Integer.MAX_VALUE)

function longToInt4(i: number): number {
  const numBits = 32 - Math.clz32(i);
  if (numBits < 4) return i;
  const shift = numBits - 4;
  const encoded = (i >>> shift) & 0x07;
  return encoded | ((shift + 1) << 3);
}

function int4ToLong(i: number): number {
  const bits = i & 0x07;
  const shift = (i >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}

export function encodeLength(length: number): number {
  return length < NUM_FREE_VALUES ? length : NUM_FREE_VALUES + longToInt4(length - NUM_FREE_VALUES);
}

export const LENGTH_TABLE: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let i = 0; i < 256; i++) t[i] = i < NUM_FREE_VALUES ? i : NUM_FREE_VALUES + int4ToLong(i - NUM_FREE_VALUES);
  return t;
})();
