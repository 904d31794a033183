// Test helper: reads a PNG independently of manifest/png.ts (chunks, CRCs, IHDR, unfiltered RGBA pixels).
import { inflateSync } from 'node:zlib';

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  chunks: string[];
}

const SIGNATURE = '89504e470d0a1a0a';

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

function readChunks(buf: Buffer): { type: string; data: Buffer }[] {
  if (buf.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG (bad signature)');
  const chunks: { type: string; data: Buffer }[] = [];
  let off = 8;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.subarray(off + 4, off + 8).toString('latin1');
    const data = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    if (crc !== crc32(buf.subarray(off + 4, off + 8 + len))) throw new Error(`bad CRC in ${type} chunk`);
    chunks.push({ type, data });
    off += 12 + len;
  }
  return chunks;
}

export function pngInfo(buf: Buffer): PngInfo {
  const chunks = readChunks(buf);
  const ihdr = chunks[0];
  if (!ihdr || ihdr.type !== 'IHDR') throw new Error('first chunk is not IHDR');
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data[8]!,
    colorType: ihdr.data[9]!,
    interlace: ihdr.data[12]!,
    chunks: chunks.map((c) => c.type),
  };
}

/** Decodes an 8-bit RGBA, non-interlaced PNG into its pixels. */
export function decodeRgba(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const info = pngInfo(buf);
  if (info.bitDepth !== 8 || info.colorType !== 6 || info.interlace !== 0) throw new Error('only 8-bit RGBA non-interlaced');
  const raw = inflateSync(
    Buffer.concat(
      readChunks(buf)
        .filter((c) => c.type === 'IDAT')
        .map((c) => c.data),
    ),
  );
  const { width, height } = info;
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      let pred: number;
      switch (filter) {
        case 0:
          pred = 0;
          break;
        case 1:
          pred = a;
          break;
        case 2:
          pred = b;
          break;
        case 3:
          pred = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a),
            pb = Math.abs(p - b),
            pc = Math.abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad filter ${filter}`);
      }
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, rgba: out };
}
