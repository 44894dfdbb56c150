// A PNG read back with an independent reader (png-js, pdfkit's own), for tests of pictures.
import PNG from 'png-js';

export function readPng(bytes: Uint8Array): Promise<{ width: number; height: number; colorType: number; pixels: Buffer }> {
  const png = new PNG(Buffer.from(bytes));
  return new Promise((resolve) => png.decodePixels((pixels) => resolve({ width: png.width, height: png.height, colorType: png.colorType, pixels })));
}
