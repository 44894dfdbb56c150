// Counts the pages of a PDF our writer made, without a PDF reader: pdfkit (under pdfmake) writes
// every page object, uncompressed, as a dictionary with `/Type /Page`. Tests check the count
// against pdf.js.
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}
