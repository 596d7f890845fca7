/**
 * Streams the frames of one file in order, reading fixed-size chunks so a large snapshot never has to fit in
 * one buffer. Any frame that is cut short, fails its checksum or is not JSON stops the read with an
 * EngineCorruptionError naming the file and the frame's offset.
 */
import { parseJson } from '../index/exact-numbers.js';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { checksumMatches, FRAME_HEADER_BYTES, MAX_FRAME_BYTES } from './frame.js';
import { EngineCorruptionError } from './store-errors.js';

export interface Frame { readonly offset: number; readonly end: number; readonly value: unknown }

const CHUNK = 4 * 1024 * 1024;

export async function* readFrames(
  path: string,
  code: 'ENGINE_CORRUPT_LOG' | 'ENGINE_CORRUPT_SNAPSHOT',
  opts: { raw?: boolean } = {},
): AsyncGenerator<Frame> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.alloc(0);
    let bufStart = 0; // file offset of buf[0]
    let filePos = 0;
    const fail = (offset: number, detail: string, torn: boolean): never => {
      throw new EngineCorruptionError(code, basename(path), offset, detail, torn);
    };
    const fill = async (need: number): Promise<boolean> => {
      while (buf.length < need && filePos < size) {
        // One new buffer holding what is left of the old one and the next read: only the (small) leftover
        // is copied, not every chunk twice.
        const want = Math.min(Math.max(CHUNK, need - buf.length), size - filePos);
        const next = Buffer.allocUnsafe(buf.length + want);
        buf.copy(next, 0);
        const { bytesRead } = await fh.read(next, buf.length, want, filePos);
        if (bytesRead === 0) break;
        filePos += bytesRead;
        buf = next.subarray(0, buf.length + bytesRead);
      }
      return buf.length >= need;
    };
    while (bufStart + 0 < size) {
      const offset = bufStart;
      if (!(await fill(FRAME_HEADER_BYTES))) fail(offset, 'truncated record header', true);
      const len = buf.readUInt32LE(0);
      const crc = buf.readUInt32LE(4);
      if (len > MAX_FRAME_BYTES) fail(offset, `implausible record length ${len}`, false);
      const total = FRAME_HEADER_BYTES + len;
      if (!(await fill(total))) fail(offset, `truncated record (${len} payload bytes announced, ${buf.length - FRAME_HEADER_BYTES} present)`, true);
      const payload = buf.subarray(FRAME_HEADER_BYTES, total);
      if (!checksumMatches(payload, crc)) fail(offset, 'checksum mismatch', offset + total === size);
      let value: unknown;
      // Raw: the caller decodes (snapshots mix JSON and binary frames); the checksum has been verified.
      if (opts.raw) value = payload;
      else {
        try {
          value = parseJson(payload.toString('utf8'));
        } catch {
          fail(offset, 'record is not valid JSON', false);
        }
      }
      buf = buf.subarray(total);
      bufStart += total;
      yield { offset, end: bufStart, value };
    }
  } finally {
    await fh.close();
  }
}
