// An organisation's house style (a workspace's style.yaml): its colours reach every writer, a
// later layer's colour wins, and each mistake is a warning at its line and column, with the paper
// still made in the colours that were right.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { openWorkspace } from '../../../src/platform/workspace-folder';
import { loadTemplates } from '../../../src/core/templates/template';
import { prepareBrief } from '../../../src/core/brief';
import { readHouseStyle, styleWith } from '../../../src/core/workspace/house-style';
import { writeDocument } from '../../../src/core/write';
import { pdfDefinition } from '../../../src/core/writers/pdf';
import { houseStyle } from '../../../src/core/writers/style';
import { readDocx } from '../../fixtures/read-docx';
import { layer } from '../../fixtures/workspace';
import { loadWorkspace } from '../../../src/core/workspace/load';

const read = (...texts: string[]) => {
  const diagnostics: Diagnostic[] = [];
  const style = readHouseStyle(
    texts.map((text, i) => ({ display: `layer${i + 1}/style.yaml`, text })),
    diagnostics,
  );
  return { style, diagnostics };
};

describe('reading style.yaml', () => {
  it('puts the accent in every role that wears it, and a role of its own over the accent', () => {
    const { style, diagnostics } = read('colours:\n  accent: "#7A1F1F"\n  tableHeader: "#333333"\n  marking: "#006400"\n');
    expect(diagnostics).toEqual([]);
    const t = style.tokens;
    expect([t.heading.h1.colour, t.heading.h2.colour, t.cover.title.colour, t.links.colour, t.notes.marker, t.callouts.border, t.keyFigures.value.colour, t.charts.bar]).toEqual(Array(8).fill('7a1f1f'));
    expect(t.tables.headerFill).toBe('333333');
    expect(t.marking.colour).toBe('006400');
    // Level-3 headings and body text keep the text colour; sizes and spaces are untouched.
    expect(t.heading.h3).toEqual(houseStyle.heading.h3);
    expect(t.body).toEqual(houseStyle.body);
    expect(style.files).toEqual(['layer1/style.yaml']);
  });

  it('takes a later layer’s colour of a role over an earlier one’s, and keeps the roles the later one leaves', () => {
    const { style } = read('colours:\n  accent: "#7a1f1f"\n  marking: "#006400"\n', 'colours:\n  accent: "#0b3d2e"\n');
    expect(style.colours).toEqual({ accent: '0b3d2e', marking: '006400' });
    expect(style.files).toEqual(['layer1/style.yaml', 'layer2/style.yaml']);
  });

  it('without a style.yaml, or with an empty one, papers wear briefwright’s own style', () => {
    expect(read().style).toMatchObject({ tokens: houseStyle, files: [] });
    expect(read('# nothing yet\n').style).toMatchObject({ tokens: houseStyle, files: [] });
    expect(styleWith({})).toBe(houseStyle);
  });

  it('says what is wrong at its line and column, and uses the rest', () => {
    const { style, diagnostics } = read(
      ['colours:', '  accent: "#7a1f1f"', '  tableHeadr: "#333333"', '  headings: 123456', '  marking: blue', 'reference: house.docx', 'colors: {}', ''].join('\n'),
    );
    const said = diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
    expect(said).toEqual([
      expect.stringMatching(/^6:1 warning a Word reference document is not named here: put it beside style.yaml as the file reference.docx/),
      expect.stringMatching(/^7:1 warning unknown field "colors" \(did you mean "colours"\?\)/),
      expect.stringMatching(/^3:3 warning unknown colour role "tableHeadr" \(did you mean "tableHeader"\?\)/),
      expect.stringMatching(/^4:13 warning 123456 is not a colour: write it in quotes as "#RRGGBB"/),
      expect.stringMatching(/^5:12 warning "blue" is not a colour/),
    ]);
    expect(diagnostics.every((d) => d.file === 'layer1/style.yaml')).toBe(true);
    expect(style.colours).toEqual({ accent: '7a1f1f' });
  });

  it('warns of a colour too pale to read on white, and still uses it', () => {
    const { style, diagnostics } = read('colours:\n  headings: "#ffcc00"\n');
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 2, column: 13, message: expect.stringMatching(/#ffcc00 stands 1\.\d:1 against white, under the 4\.5:1/) })]);
    expect(style.tokens.heading.h1.colour).toBe('ffcc00');
  });

  it('a file that is not YAML is an error at its place, and the shipped style is used', () => {
    const { style, diagnostics } = read('colours:\n  accent: "#7a1f1f\n');
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'layer1/style.yaml', line: expect.any(Number) });
    expect(style.tokens).toBe(houseStyle);
  });
});

describe('a workspace with a style.yaml', () => {
  it('sets the papers of every format in its colours', async () => {
    const bundled = await openWorkspace({ user: false });
    const styled = loadWorkspace([layer({ 'style.yaml': 'colours:\n  accent: "#7a1f1f"\n  marking: "#006400"\n' }, 'team')]);
    expect(styled.style.files).toEqual(['team/style.yaml']);
    // The bundled workspace with the team's style over it.
    const workspace = { ...bundled, style: styled.style };
    const prepared = prepareBrief(workspace, loadTemplates(bundled.otherFiles), { template: 'pre-visit-brief', topics: ['trade'] });
    expect(prepared.style.heading.h1.colour).toBe('7a1f1f');

    const html = new TextDecoder().decode(await writeDocument(prepared, 'html'));
    expect(html).toMatch(/h1(?:,\.toc-heading)?\{[^}]*color:#7a1f1f/);
    expect(html).toMatch(/\.marking\{[^}]*color:#006400/);

    const styles = (await readDocx(await writeDocument(prepared, 'docx'))).part('word/styles.xml');
    const colourOf = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0].match(/<w:color w:val="([0-9A-Fa-f]{6})"/)?.[1]?.toLowerCase();
    expect(colourOf('Heading1')).toBe('7a1f1f');
    expect(colourOf('Title')).toBe('7a1f1f');

    const pdfStyles = pdfDefinition(prepared.document, { withToc: false, style: prepared.style }).styles as Record<string, { color?: string }>;
    expect(pdfStyles.h2!.color).toBe('#7a1f1f');
    expect(pdfStyles.marking!.color).toBe('#006400');

    // A style handed to the writer for one paper wins over the workspace's.
    const shipped = new TextDecoder().decode(await writeDocument(prepared, 'html', { style: houseStyle }));
    expect(shipped).toMatch(new RegExp(`h1(?:,\\.toc-heading)?\\{[^}]*color:#${houseStyle.heading.h1.colour}`));
  });
});
