// The bad-input corpus, writers (tests/corpus/writers.ts): each team folder's paper is generated
// through the command's own `main` over an earlier paper. Either the paper holds every letter it
// was given (PDF text read with pdf.js; every XML part of a DOCX parsed), or the command stops
// with exactly the lines expected, no stack trace, and every folder as it was.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { XmlDocument } from 'xmldoc';
import { writerCases, type WriterCase } from '../../corpus/writers';
import { briefwrightInProcess, caseFolders, expectNoStackTrace, fill, removeCaseFolders, snapshot, writeFiles } from '../../corpus/harness';
import { readPdf } from '../../fixtures/read-pdf';

afterAll(removeCaseFolders);

/** The text a reader gets from the paper, with breaks, zero-width spaces and soft hyphens taken out. */
async function textOf(format: WriterCase['format'], bytes: Uint8Array): Promise<string> {
  if (format === 'pdf') {
    // The body only: the running header and footer (the marking, the title, "Page 1 of 3") stand
    // in the top and bottom 50 points of every page, between one page's text and the next.
    const pages = (await readPdf(bytes)).pages;
    return pages
      .map((page) => page.items.filter((item) => item.y > 50 && item.y < page.height - 50).map((item) => item.str).join(''))
      .join('')
      .replace(/[\s\u200b\u00ad]+/g, '');
  }
  const zip = await JSZip.loadAsync(bytes);
  const parts: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    // Every part must parse: Word and LibreOffice refuse a file with one that does not.
    expect(() => new XmlDocument(xml), name).not.toThrow();
    expect(xml, name).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    parts.push(xml);
  }
  return parts.join('').replace(/<[^>]*>/g, '').replace(/\s+/g, '').replace(/&amp;/g, '&');
}

describe('what a writer cannot lay out or encode', () => {
  it.each(writerCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.ws, c.files, folders);
    const out = join(folders.out, `paper.${c.format}`);
    await writeFiles(folders.out, { [`paper.${c.format}`]: 'the paper from last week' }, folders);
    const before = await snapshot(folders.home, folders.ws, ...(c.stderr ? [folders.out] : []));

    const template = c.args?.includes('--template') ? [] : ['--template', 't'];
    // A case with no files of its own runs on the bundled workspace alone.
    const workspace = Object.keys(c.files).length > 0 ? ['--workspace', folders.ws] : [];
    const run = await briefwrightInProcess(['generate', ...workspace, ...template, ...(c.args ?? []), '--out', out], folders.home);
    expectNoStackTrace(run.stderr);
    if (c.stderr) {
      expect(run.stderr).toBe(c.stderr.map((line) => `${fill(line, folders)}\n`).join(''));
      expect(run.code).toBe(1);
    } else {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      let text = await textOf(c.format, new Uint8Array(await readFile(out)));
      // A table's header row prints again at the top of each page it runs onto.
      for (const repeat of c.repeats ?? []) text = text.split(repeat).join('');
      for (const piece of c.holds ?? []) {
        const wanted = piece.replace(/\s+/g, '');
        const at = text.indexOf(wanted);
        expect(at, `${piece.slice(0, 40)}… (${piece.length} characters)`).toBeGreaterThanOrEqual(0);
        text = text.slice(at + wanted.length);
      }
    }
    expect(await snapshot(folders.home, folders.ws, ...(c.stderr ? [folders.out] : []))).toEqual(before);
  });
});
