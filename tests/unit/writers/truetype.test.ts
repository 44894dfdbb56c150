import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontBytes } from '../../../src/core/writers/fonts';
import { fonts } from '../../../src/core/writers/style';
import { advanceWidths, trueTypeFaces, trueTypeFont, woffToSfnt } from '../../../src/core/writers/truetype';
import { nodeHost } from '../../../src/platform/core-host';
import { readPng } from '../../fixtures/read-png';

const tag = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/** Ink on a picture the host draws on white with these fonts: how many pixels are not white. */
async function ink(svg: string, fontFiles: Uint8Array[]): Promise<number> {
  const families = { default: fonts.heading, sansSerif: fonts.heading, serif: fonts.body };
  const image = await readPng((await nodeHost.rasterise({ svg, widthPx: 240, fonts: fontFiles, families })).png);
  let dark = 0;
  for (let i = 0; i < image.pixels.length; i += 4) if (image.pixels[i]! < 200) dark++;
  return dark;
}

describe('shipped fonts as TrueType', () => {
  it('a shipped WOFF unpacks into a TrueType font with every table', () => {
    const woff = fontBytes('heading', 'latin', 'normal', 'woff');
    const ttf = woffToSfnt(woff);
    expect(tag(woff, 0)).toBe('wOFF');
    const numTables = (ttf[4]! << 8) | ttf[5]!;
    expect(numTables).toBe((woff[12]! << 8) | woff[13]!);
    const tags = Array.from({ length: numTables }, (_, i) => tag(ttf, 12 + i * 16));
    expect(tags).toEqual([...tags].sort());
    for (const required of ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'post']) expect(tags).toContain(required);
  });

  it('text widths read from the font agree with fontkit’s, glyph by glyph, in every face', () => {
    const samples = ['Bilateral trade turnover', 'about 31.5 billion cubic metres', '$19.885 billion', '25–27 April 2019 (est.)', 'China–Europe “freight” trains', 'WAVE iiii 0123456789'];
    for (const role of ['body', 'heading'] as const) {
      for (const style of ['normal', 'bold', 'italics', 'bolditalics'] as const) {
        const ttf = trueTypeFont(role, 'latin', style);
        const ours = advanceWidths(ttf);
        const font = fontkit.create(Buffer.from(ttf));
        for (const text of samples) {
          const theirs = font.glyphsForString(text).reduce((sum, g) => sum + g.advanceWidth, 0) / font.unitsPerEm;
          expect(ours(text), `${role} ${style}: "${text}"`).toBeCloseTo(theirs, 6);
        }
      }
    }
    // Wider text is wider; a character the font lacks counts as an "n".
    const sans = advanceWidths(trueTypeFont('heading', 'latin', 'normal'));
    expect(sans('WWW')).toBeGreaterThan(sans('iii'));
    expect(sans('中')).toBeCloseTo(sans('n'), 6);
  });

  it('bold is the real Bold face (weight 700), as Word picks it', () => {
    const weight = (ttf: Uint8Array): number => {
      const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
      const numTables = view.getUint16(4);
      for (let i = 0; i < numTables; i++) {
        if (tag(ttf, 12 + i * 16) === 'OS/2') return view.getUint16(view.getUint32(12 + i * 16 + 8) + 4);
      }
      return 0;
    };
    expect(weight(trueTypeFont('heading', 'latin', 'normal'))).toBe(400);
    expect(weight(trueTypeFont('heading', 'latin', 'bold'))).toBe(700);
    expect(weight(trueTypeFont('body', 'latin', 'bolditalics'))).toBe(700);
  });

  it('the host draws text with them, and with no font of the machine', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><text x="4" y="28" font-family="${fonts.heading}" font-size="22">Trade 2015–2023</text></svg>`;
    expect(await ink(svg, [])).toBe(0);
    expect(await ink(svg, trueTypeFaces([{ role: 'heading', style: 'normal' }]))).toBeGreaterThan(200);
  });

  it('something that is not a WOFF is refused', () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow(/WOFF/);
  });
});
