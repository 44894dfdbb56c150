// Compressed object streams and a cross-reference stream (PDF 1.5, 7.5.7 and 7.5.8) for the PDF
// writer. pdfkit writes every object as plain text with a line of its own in the cross-reference
// table; a tagged paper has an object for every paragraph, cell and link of its structure tree
// (tagging.ts), which would make it half as large again. Packed a hundred to a stream and
// deflated, the objects cost a few bytes each, and a tagged paper is no larger than an untagged
// one was. Streams (pages' contents, fonts, pictures) are written by pdfkit as they were, and so
// are the object streams and the cross-reference stream themselves (pdfkit deflates them).

import { patch } from './patch';

/** What of pdfkit's PDFReference the packing reads. */
interface Reference {
  id: number;
  gen: number;
  data: { Type?: unknown };
  buffer: { length: number };
  offset?: number;
  document: PackedDocument;
  finalize(): void;
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

/** What of pdfkit's PDFDocument the packing reads and writes. */
interface PackedDocument {
  _offsets: (number | null)[];
  _offset: number;
  _ended: boolean;
  _security?: unknown;
  _root: object;
  _info: object;
  _id: unknown;
  ref(data: Record<string, unknown>): Reference;
  _write(data: string | Uint8Array): void;
  _refEnd(ref: Reference): void;
  _finalize(): void;
  push(chunk: Uint8Array | null): boolean;
}

/** The objects held back for object streams, by document: each object's number and its text. */
const held = new WeakMap<PackedDocument, { id: number; text: string }[]>();
/** While an object is taken down instead of written: its document, and what pdfkit wrote of it. */
let capturing: { doc: PackedDocument; chunks: string[] } | undefined;

/** Objects per stream: few enough that a reader unpacks a stream quickly for any one of them. */
const PER_STREAM = 100;

/**
 * The plain objects of `doc` (a pdfkit document) go into object streams from now on. Hooks, once
 * per process, into pdfkit's writing of an object (`PDFReference.finalize`, the class of the
 * document's catalog) and of the file (`_write`, `_refEnd` and `_finalize`, on the document's class).
 */
export function packObjects(doc: object): void {
  const packed = doc as PackedDocument;
  hook(Object.getPrototypeOf(packed._root) as Reference, Object.getPrototypeOf(packed) as PackedDocument);
  held.set(packed, []);
}

function hook(reference: Reference, document: PackedDocument): void {
  patch(reference as { finalize(this: Reference): void }, 'finalize', (finalize) =>
    function (this: Reference) {
      const doc = this.document;
      const objects = held.get(doc);
      // Pages stay plain objects: the app counts a paper's pages by them (src/app/pdf-pages.ts).
      if (!objects || capturing || this.gen !== 0 || doc._security || this.buffer.length > 0 || this.data.Type === 'Page') return finalize.call(this);
      // pdfkit writes the object as text: taken down here and kept, and the object counted as written.
      const taken = { doc, chunks: [] as string[] };
      capturing = taken;
      try {
        finalize.call(this);
      } finally {
        capturing = undefined;
      }
      // "n 0 obj", the object, "endobj".
      objects.push({ id: this.id, text: taken.chunks.slice(1, -1).join('') });
      doc._refEnd(this);
    },
  );
  patch(document as { _write(this: PackedDocument, data: string | Uint8Array): void }, '_write', (write) =>
    function (this: PackedDocument, data: string | Uint8Array) {
      if (capturing?.doc !== this) return write.call(this, data);
      capturing.chunks.push(typeof data === 'string' ? `${data}\n` : latin1(data));
    },
  );
  patch(document as { _refEnd(this: PackedDocument, ref: Reference): void }, '_refEnd', (refEnd) =>
    function (this: PackedDocument, ref: Reference) {
      if (capturing?.doc !== this) return refEnd.call(this, ref);
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

function writeStreams(doc: PackedDocument, objects: { id: number; text: string }[]): void {
  // The streams are written as pdfkit writes any: their end must not finish the file again.
  doc._ended = false;
  /** Where each packed object is: its stream's number and its index in it. */
  const packedAt = new Map<number, [number, number]>();
  for (let start = 0; start < objects.length; start += PER_STREAM) {
    const group = objects.slice(start, start + PER_STREAM);
    const pairs: string[] = [];
    let offset = 0;
    for (const object of group) {
      pairs.push(`${object.id} ${offset}`);
      offset += object.text.length;
    }
    const head = `${pairs.join(' ')}\n`;
    const stream = doc.ref({ Type: 'ObjStm', N: group.length, First: head.length });
    group.forEach((object, index) => packedAt.set(object.id, [stream.id, index]));
    stream.end(head + group.map((object) => object.text).join(''));
  }

  // The cross-reference stream: a row per object (type, offset or stream, generation or index),
  // its own row the place it is written at, which is where the file is now.
  const xref = doc.ref({ Type: 'XRef', Root: doc._root, Info: doc._info, ID: [doc._id, doc._id] });
  const size = xref.id + 1;
  const start = doc._offset;
  const rows = new Uint8Array(size * 7);
  const view = new DataView(rows.buffer);
  const row = (n: number, type: number, field: number, last: number): void => {
    view.setUint8(n * 7, type);
    view.setUint32(n * 7 + 1, field);
    view.setUint16(n * 7 + 5, last);
  };
  row(0, 0, 0, 0xffff);
  for (let n = 1; n < xref.id; n++) {
    const packed = packedAt.get(n);
    if (packed) row(n, 2, packed[0], packed[1]);
    else row(n, 1, doc._offsets[n - 1] ?? 0, 0);
  }
  row(xref.id, 1, start, 0);
  Object.assign(xref.data, { Size: size, W: [1, 4, 2] });
  xref.end(rows);
  doc._write('startxref');
  doc._write(`${start}`);
  doc._write('%%EOF');
  doc.push(null);
}
