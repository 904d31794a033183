// Draws the two Teams app icons: a tick in a rounded square.
//   color.png   192×192, white glyph on NHS blue (#005EB8)
//   outline.png  32×32, white glyph on transparent
// Run `npx tsx manifest/icons.ts` to regenerate them; the PNGs are committed and a test checks they match.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png.js';

export const NHS_BLUE = [0x00, 0x5e, 0xb8] as const;

type Point = readonly [number, number];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Signed distance to a rounded square centred at (0.5, 0.5) with half-size `half` and corner radius `r`. */
function roundedSquareDistance([px, py]: Point, half: number, r: number): number {
  const qx = Math.abs(px - 0.5) - half + r;
  const qy = Math.abs(py - 0.5) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

interface Glyph {
  /** half-size, corner radius and stroke width of the rounded square, in units of the icon size */
  square: { half: number; radius: number; stroke: number };
  tick: { points: readonly Point[]; stroke: number };
}

function inGlyph(p: Point, g: Glyph): boolean {
  if (Math.abs(roundedSquareDistance(p, g.square.half, g.square.radius)) <= g.square.stroke / 2) return true;
  const pts = g.tick.points;
  for (let i = 0; i + 1 < pts.length; i++) {
    if (distanceToSegment(p, pts[i]!, pts[i + 1]!) <= g.tick.stroke / 2) return true;
  }
  return false;
}

/** Renders the glyph in white, anti-aliased by 4×4 supersampling, over `background` (or transparent). */
export function renderIcon(size: number, glyph: Glyph, background?: readonly [number, number, number]): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (inGlyph([(x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size], glyph)) hits++;
        }
      }
      const coverage = hits / (n * n);
      const i = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(background[c]! + (255 - background[c]!) * coverage);
        rgba[i + 3] = 255;
      } else {
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 255;
        rgba[i + 3] = Math.round(255 * coverage);
      }
    }
  }
  return rgba;
}

const TICK: readonly Point[] = [
  [0.33, 0.51],
  [0.45, 0.63],
  [0.68, 0.38],
];

export function colorIcon(): Buffer {
  const glyph: Glyph = { square: { half: 0.27, radius: 0.08, stroke: 0.045 }, tick: { points: TICK, stroke: 0.075 } };
  return encodePng(192, 192, renderIcon(192, glyph, NHS_BLUE));
}

export function outlineIcon(): Buffer {
  const glyph: Glyph = {
    square: { half: 0.44, radius: 0.14, stroke: 0.07 },
    tick: { points: TICK.map(([x, y]) => [0.5 + (x - 0.5) * 1.35, 0.5 + (y - 0.5) * 1.35] as const), stroke: 0.1 },
  };
  return encodePng(32, 32, renderIcon(32, glyph));
}

if (require.main === module) {
  const dir = __dirname;
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}
