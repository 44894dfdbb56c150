// The handling marking travels with the file, not only on its pages: a records system, a mail
// gateway or a colleague's file browser reads it from the PDF's document info and the DOCX's
// custom properties. A paper without a marking carries none.
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../src/core/writers/docx';
import { renderPdf } from '../../../src/core/writers/pdf';
import { sampleBrief } from '../../fixtures/documents';
import { readDocx } from '../../fixtures/read-docx';
import { readPdf } from '../../fixtures/read-pdf';

const unmarked = () => {
  const doc = sampleBrief();
  delete doc.meta.marking;
  return doc;
};

describe('the marking in the file’s properties', () => {
  it('PDF: the document info has Marking, as printed in the header', async () => {
    const doc = sampleBrief();
    doc.meta.marking = 'OFFICIAL-SENSITIVE';
    const pdf = await readPdf(await renderPdf(doc, { toc: false }));
    expect((pdf.info.Custom as Record<string, unknown> | undefined)?.Marking).toBe('OFFICIAL-SENSITIVE');
    expect(pdf.text).toContain('OFFICIAL-SENSITIVE');
    const bare = await readPdf(await renderPdf(unmarked(), { toc: false }));
    expect((bare.info.Custom as Record<string, unknown> | undefined)?.Marking).toBeUndefined();
  });

  it('DOCX: a custom property Marking, which Word lists under File → Properties → Custom', async () => {
    const doc = sampleBrief();
    doc.meta.marking = 'OFFICIAL-SENSITIVE';
    const docx = await readDocx(await renderDocx(doc, { toc: false }));
    const custom = docx.part('docProps/custom.xml');
    expect(custom).toMatch(/<property [^>]*name="Marking"[^>]*><vt:lpwstr>OFFICIAL-SENSITIVE<\/vt:lpwstr><\/property>/);
    expect(docx.part('[Content_Types].xml')).toContain('/docProps/custom.xml');
    const bare = await readDocx(await renderDocx(unmarked(), { toc: false }));
    expect(bare.part('docProps/custom.xml')).not.toContain('Marking');
  });
});
