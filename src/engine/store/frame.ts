/**
 * Record framing shared by the write-ahead log and snapshots: a little-endian u32 payload length, a u32
 * CRC-32 of the payload, then the payload (UTF-8 JSON). The checksum is what lets replay tell a torn or
 * damaged record from a valid one instead of loading garbage.
 */
import { crc32 } from 'node:zlib';
import { stringifyJson } from '../index/exact-numbers.js';

export const FRAME_HEADER_BYTES = 8;
/** Larger lengths can only come from damage; refusing them avoids allocating gigabytes on a bad header. */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;

export function encodeFrame(value: unknown): Buffer {
  // Numbers keep the text they were written with (a keyword indexes `1.0` as written, also on replay).
  const payload = Buffer.from(stringifyJson(value), 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload) >>> 0, 4);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export function checksumMatches(payload: Buffer, expected: number): boolean {
  return (crc32(payload) >>> 0) === expected;
}

/** A frame around bytes that are not JSON (snapshot blobs; their first byte tells them from JSON's `{`). */
export function encodeRawFrame(parts: readonly Uint8Array[]): Buffer {
  let len = 0;
  for (const p of parts) len += p.length;
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + len);
  let at = FRAME_HEADER_BYTES;
  for (const p of parts) { frame.set(p, at); at += p.length; }
  const payload = frame.subarray(FRAME_HEADER_BYTES);
  frame.writeUInt32LE(len, 0);
  frame.writeUInt32LE(crc32(payload) >>> 0, 4);
  return frame;
}
