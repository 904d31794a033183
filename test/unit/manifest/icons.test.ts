import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { colorIcon, NHS_BLUE, outlineIcon } from '../../../manifest/icons.js';
import { decodeRgba, pngInfo } from './png-reader.js';

const dir = join(__dirname, '..', '..', '..', 'manifest');
const color = readFileSync(join(dir, 'color.png'));
const outline = readFileSync(join(dir, 'outline.png'));

describe('manifest icons', () => {
  it('color.png is a 192×192 PNG with valid chunks', () => {
    const info = pngInfo(color);
    expect([info.width, info.height]).to.deep.equal([192, 192]);
    expect(info.chunks[0]).to.equal('IHDR');
    expect(info.chunks).to.include('IDAT');
    expect(info.chunks.at(-1)).to.equal('IEND');
  });

  it('outline.png is a 32×32 PNG with an alpha channel', () => {
    const info = pngInfo(outline);
    expect([info.width, info.height]).to.deep.equal([32, 32]);
    expect(info.colorType).to.equal(6);
  });

  it('outline.png is white on transparent: every pixel white, some opaque, some fully transparent', () => {
    const { rgba } = decodeRgba(outline);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3]!;
      if (alpha > 0) expect([rgba[i], rgba[i + 1], rgba[i + 2]], `pixel ${i / 4}`).to.deep.equal([255, 255, 255]);
      if (alpha === 255) opaque++;
      if (alpha === 0) transparent++;
    }
    expect(opaque).to.be.greaterThan(50);
    expect(transparent).to.be.greaterThan(rgba.length / 4 / 3);
  });

  it('color.png is opaque NHS blue with a white glyph', () => {
    const { rgba } = decodeRgba(color);
    let blue = 0;
    let white = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      expect(rgba[i + 3], `alpha of pixel ${i / 4}`).to.equal(255);
      const rgb = [rgba[i], rgba[i + 1], rgba[i + 2]];
      if (rgb.join() === NHS_BLUE.join()) blue++;
      if (rgb.join() === '255,255,255') white++;
    }
    expect(blue / (192 * 192)).to.be.greaterThan(0.6);
    expect(white).to.be.greaterThan(1000);
  });

  it('the committed icons are the ones manifest/icons.ts draws (regenerate with `npx tsx manifest/icons.ts`)', () => {
    expect(colorIcon().equals(color), 'color.png is stale').to.equal(true);
    expect(outlineIcon().equals(outline), 'outline.png is stale').to.equal(true);
  });
});
