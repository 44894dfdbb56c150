// Compressed object streams and a cross-reference stream (PDF 1.5, 7.5.7 and 7.5.8) for the PDF
// writer. pdfkit writes every object as plain text with a line of its own in the cross-reference
// table; a tagged paper has an object for every paragraph, cell and link of its structure tree
// (tagging.ts), which would make it half as large again. Packed a hundred to a stream and
// deflated, the objects cost a few bytes each, and a tagged paper is no larger than an untagged
// one was. Streams (pages' contents, fonts, pictures) are written by pdfkit as they were.

import { zlibSync } from 'fflate';
import { patch } from './patch';

/** What of pdfkit's PDFReference the packing reads. */
interface Reference {
  id: number;
  gen: number;
  data: { Type?: unknown };
  buffer: unknown[] | Uint8Array;
  document: PackedDocument;
  finalize(): void;
}

/** What of pdfkit's PDFDocument the packing reads and writes. */
interface PackedDocument {
  _offsets: (number | null)[];
  _offset: number;
  _security?: unknown;
  _root: object;
  _info: object;
  _id: Uint8Array;
  _write(data: string | Uint8Array): void;
  _refEnd(ref: Reference): void;
  _finalize(): void;
  push(chunk: Uint8Array | null): boolean;
}

/** The objects held back for object streams, by document: each object's number and its text. */
const held = new WeakMap<PackedDocument, { id: number; text: string }[]>();

/** Objects per stream: few enough that a reader unpacks a stream quickly for any one of them. */
const PER_STREAM = 100;

/**
 * The plain objects of `doc` (a pdfkit document) go into object streams from now on. Hooks, once
 * per process, into pdfkit's writing of an object (`PDFReference.finalize`, the class of the
 * document's catalog) and of the cross-reference table (`_finalize`, on the document's class).
 */
export function packObjects(doc: object): void {
  const packed = doc as PackedDocument;
  hook(Object.getPrototypeOf(packed._root) as { finalize(): void }, Object.getPrototypeOf(packed) as { _finalize(): void });
  held.set(packed, []);
}

function hook(reference: { finalize(): void }, document: { _finalize(): void }): void {
  patch(reference as { finalize(this: Reference): void }, 'finalize', (finalize) =>
    function (this: Reference) {
      const doc = this.document;
      const objects = held.get(doc);
      // Pages stay plain objects: the app counts a paper's pages by them (src/app/pdf-pages.ts).
      if (!objects || this.gen !== 0 || doc._security || (this.buffer as { length: number }).length > 0 || this.data.Type === 'Page') return finalize.call(this);
      // pdfkit writes the object as text: taken down here and kept, and the object counted as written.
      const chunks: string[] = [];
      const refEnd = doc._refEnd;
      doc._write = (data) => void chunks.push(typeof data === 'string' ? `${data}\n` : latin1(data));
      doc._refEnd = () => undefined;
      try {
        finalize.call(this);
      } finally {
        delete (doc as Partial<PackedDocument>)._write;
        delete (doc as Partial<PackedDocument>)._refEnd;
      }
      // "n 0 obj", the object, "endobj".
      objects.push({ id: this.id, text: chunks.slice(1, -1).join('') });
      refEnd.call(doc, this);
    },
  );
  patch(document as { _finalize(this: PackedDocument): void }, '_finalize', (writeTable) =>
    function (this: PackedDocument) {
      const objects = held.get(this);
      if (!objects || objects.length === 0) return writeTable.call(this);
      held.delete(this);
      writeStreams(this, objects);
    },
  );
}

/** Bytes as a string of one character per byte, as pdfkit writes a string (its 'binary' encoding). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

function bytesOf(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A deflated stream object, written as pdfkit writes a string: its data, then a line break. */
function writeStream(doc: PackedDocument, id: number, dictionary: string, data: Uint8Array): void {
  doc._write(`${id} 0 obj`);
  doc._write(`<<\n${dictionary}\n/Filter /FlateDecode\n/Length ${data.length}\n>>`);
  doc._write('stream');
  doc._write(latin1(data));
  doc._write('endstream');
  doc._write('endobj');
}

function writeStreams(doc: PackedDocument, objects: { id: number; text: string }[]): void {
  /** Where each packed object is: its stream's number and its index in it. */
  const packedAt = new Map<number, [number, number]>();
  for (let start = 0; start < objects.length; start += PER_STREAM) {
    const group = objects.slice(start, start + PER_STREAM);
    const id = doc._offsets.length + 1;
    doc._offsets.push(null);
    let offset = 0;
    const pairs: string[] = [];
    for (const [index, object] of group.entries()) {
      pairs.push(`${object.id} ${offset}`);
      packedAt.set(object.id, [id, index]);
      offset += object.text.length;
    }
    const head = `${pairs.join(' ')}\n`;
    doc._offsets[id - 1] = doc._offset;
    writeStream(doc, id, `/Type /ObjStm\n/N ${group.length}\n/First ${head.length}`, zlibSync(bytesOf(head + group.map((o) => o.text).join(''))));
  }

  // The cross-reference stream: a row per object (type, offset or stream, generation or index).
  const id = doc._offsets.length + 1;
  const size = id + 1;
  const start = doc._offset;
  const rows = new Uint8Array(size * 7);
  const view = new DataView(rows.buffer);
  const row = (n: number, type: number, field: number, last: number): void => {
    view.setUint8(n * 7, type);
    view.setUint32(n * 7 + 1, field);
    view.setUint16(n * 7 + 5, last);
  };
  row(0, 0, 0, 0xffff);
  for (let n = 1; n < id; n++) {
    const packed = packedAt.get(n);
    if (packed) row(n, 2, packed[0], packed[1]);
    else row(n, 1, doc._offsets[n - 1] ?? 0, 0);
  }
  row(id, 1, start, 0);
  const fileId = `<${[...doc._id].map((b) => b.toString(16).padStart(2, '0')).join('')}>`;
  writeStream(doc, id, `/Type /XRef\n/Size ${size}\n/W [1 4 2]\n/Root ${String(doc._root)}\n/Info ${String(doc._info)}\n/ID [${fileId} ${fileId}]`, zlibSync(rows));
  doc._write('startxref');
  doc._write(`${start}`);
  doc._write('%%EOF');
  doc.push(null);
}
