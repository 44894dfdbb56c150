// Core's host on Node (src/platform/core-host.ts): the files of installed packages, and PNGs read
// back with an independent reader. Core without a host says so in a sentence.
import { describe, expect, it } from 'vitest';
import { host, provideHost } from '../../../src/core/host';
import { encodePng, nodeHost } from '../../../src/platform/core-host';
import { readPng } from '../../fixtures/read-png';

describe('package files', () => {
  it('a shipped font file is read by its package and path; a file the package lacks is undefined', () => {
    const woff = nodeHost.packageFile('@fontsource/source-sans-3', 'files/source-sans-3-latin-400-normal.woff');
    expect(String.fromCharCode(...woff!.subarray(0, 4))).toBe('wOFF');
    expect(nodeHost.packageFile('@fontsource/source-sans-3', 'files/source-sans-3-klingon-400-normal.woff')).toBeUndefined();
  });
});

describe('PNG encoding', () => {
  it('an RGBA image reads back pixel for pixel', async () => {
    const width = 37;
    const height = 11;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7919) % 256;
    const back = await readPng(await encodePng(width, height, rgba));
    expect(back).toMatchObject({ width, height, colorType: 6 });
    expect(Buffer.compare(back.pixels, Buffer.from(rgba))).toBe(0);
  });

  it('pixels that are not a whole image of that size are refused', async () => {
    await expect(encodePng(4, 4, new Uint8Array(60))).rejects.toThrow(/not a 4×4 RGBA image/);
  });
});

describe('a process that gave core no host', () => {
  it('is told which call it missed, and then works once it makes it', () => {
    provideHost(undefined as never);
    try {
      expect(() => host()).toThrow('core was given no host: the process must call provideHost (src/core/host.ts) before it makes a paper');
    } finally {
      provideHost(nodeHost);
    }
    expect(host()).toBe(nodeHost);
  });
});
