// Following a workspace folder's files while the app runs (src/platform/workspace-watch.ts), on a
// real folder: an editor's quick saves read the workspace again once, and the reload sees what
// was saved; every file the reader reads is followed, and nothing else (settings, drafts, an
// editor's temporary files, a link out of the folder); a folder that vanishes and comes back is
// followed again.
import { appendFileSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadWorkspace, type Workspace } from '../../src/core/workspace/load';
import { readLayer } from '../../src/platform/workspace-folder';
import { layerFolder, watchWorkspace, type WorkspaceWatcher } from '../../src/platform/workspace-watch';

let base: string;
let dir: string;
let watcher: WorkspaceWatcher | undefined;
/** The paths each reload was for, in order. */
let reloads: string[][];
let lines: string[];

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'briefwright-watch-'));
  dir = join(base, 'team');
  mkdirSync(dir);
  reloads = [];
  lines = [];
});
afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await rm(base, { recursive: true, force: true });
});

/** Follows `dir` as a layer; `onChange` runs at each reload after the paths are recorded. */
async function follow(onChange: () => void | Promise<void> = () => {}): Promise<void> {
  watcher = watchWorkspace([layerFolder(dir, 'team folder')], {
    log: (line) => lines.push(line),
    onChange: async (paths) => {
      reloads.push([...paths]);
      await onChange();
    },
  });
  await watcher.ready;
}

/** Waits, generously, until `count` reloads have happened. */
async function reloaded(count: number): Promise<void> {
  await vi.waitFor(() => expect(reloads.length).toBeGreaterThanOrEqual(count), { timeout: 30_000, interval: 50 });
}

/**
 * Changes a followed file and waits for its reload: anything followed before it would have been
 * reloaded first, so what came before is settled (a way to say "no reload" without a sleep).
 */
async function mark(): Promise<void> {
  const before = reloads.length;
  appendFileSync(join(dir, 'workspace.yaml'), '# marked\n');
  await reloaded(before + 1);
}

const style = (accent: string) => `colours:\n  accent: "${accent}"\n`;

describe('following a workspace folder', () => {
  it('style.yaml saved twice in quick succession reads the workspace again once, with the colour of the second save', async () => {
    let workspace: Workspace | undefined;
    await follow(async () => {
      workspace = loadWorkspace([await readLayer('team', dir)]);
    });
    writeFileSync(join(dir, 'style.yaml'), style('#7a1f1f'));
    writeFileSync(join(dir, 'style.yaml'), style('#1d3557'));
    await reloaded(1);
    // The reload is counted when it starts; the workspace is read a moment later.
    await vi.waitFor(() => expect(workspace?.style.colours.accent).toBe('1d3557'), { timeout: 30_000, interval: 50 });
    await mark();
    expect(reloads).toHaveLength(2);
    expect(reloads[1]).toEqual([join(dir, 'workspace.yaml')]);
  });

  it('files written without a pause (a long git checkout) are read again while the writing goes on, not only when it stops', async () => {
    await follow();
    // A write every 80 ms, under the 250 ms quiet spell, for 3.5 s: longer than eight quiet spells (2 s).
    const until = Date.now() + 3_500;
    let reloadsWhileWriting = 0;
    for (let n = 0; Date.now() < until; n++) {
      writeFileSync(join(dir, 'style.yaml'), style(n % 2 ? '#7a1f1f' : '#1d3557'));
      await new Promise((resolve) => setTimeout(resolve, 80));
      reloadsWhileWriting = reloads.length;
    }
    expect(reloadsWhileWriting).toBeGreaterThanOrEqual(1);
  });

  it("an editor's save by a temporary file renamed over style.yaml is one reload, and its temporary file alone is none", async () => {
    writeFileSync(join(dir, 'style.yaml'), style('#7a1f1f'));
    await follow();
    writeFileSync(join(dir, '.style.yaml.swp'), 'x');
    writeFileSync(join(dir, 'style.yaml~'), style('#7a1f1f'));
    writeFileSync(join(dir, '.style.yaml.tmp'), style('#1d3557'));
    renameSync(join(dir, '.style.yaml.tmp'), join(dir, 'style.yaml'));
    await reloaded(1);
    expect(reloads[0]).toEqual([join(dir, 'style.yaml')]);
  });

  it('follows every file the reader reads: the files at the top, facts, sources, templates and partials, the logo and reference.docx', async () => {
    const files: Record<string, string> = {
      'workspace.yaml': 'name: Team\n',
      'topics.yaml': '- { id: trade, label: Trade }\n',
      'indicators.yaml': '[]\n',
      'entities.yaml': '[]\n',
      'style.yaml': 'logo: { file: art/brand/logo.svg }\n',
      'art/brand/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>',
      'reference.docx': 'PK',
      'facts/trade.yaml': '[]\n',
      'facts/older/2019.yml': '[]\n',
      'sources/note.md': '---\nid: note\n---\nText.\n',
      'templates/brief.hbs': '---\nid: brief\n---\nBody\n',
      'templates/partials/footer.hbs': 'Footer\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // What the reader reads, by its own account: each must be followed.
    const read = await readLayer('team', dir);
    const wanted = [...read.files.map((f) => f.path), ...(read.assets ?? []).map((a) => a.path), 'reference.docx'];
    expect(wanted).toEqual(expect.arrayContaining(Object.keys(files).filter((p) => p !== 'reference.docx')));
    await follow();
    for (const path of wanted) {
      const before = reloads.length;
      appendFileSync(join(dir, path), '\n');
      await reloaded(before + 1);
      expect(reloads.at(-1)).toEqual([join(dir, path)]);
    }
  });

  it('does not follow what the reader does not read: settings, drafts, saved briefs, temporary files, files of other kinds', async () => {
    mkdirSync(join(dir, 'facts'));
    await follow();
    writeFileSync(join(dir, 'settings.json'), '{}');
    writeFileSync(join(dir, 'session.json'), '{}');
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'brief.hbs'), 'draft');
    writeFileSync(join(dir, 'visit.brief.yaml'), 'title: Visit\n');
    writeFileSync(join(dir, 'facts', '.trade.yaml.1234-host-abcd.partial'), '[]');
    writeFileSync(join(dir, 'facts', 'notes.txt'), 'notes');
    writeFileSync(join(dir, 'facts', '4913'), '');
    mkdirSync(join(dir, 'facts', '.git'));
    writeFileSync(join(dir, 'facts', '.git', 'x.yaml'), '[]');
    await mark();
    expect(reloads).toEqual([[join(dir, 'workspace.yaml')]]);
  });

  it('a folder made below facts/ is followed from then on', async () => {
    mkdirSync(join(dir, 'facts'));
    await follow();
    mkdirSync(join(dir, 'facts', '2024'));
    await reloaded(1);
    writeFileSync(join(dir, 'facts', '2024', 'trade.yaml'), '[]\n');
    await reloaded(2);
    expect(reloads[1]).toEqual([join(dir, 'facts', '2024', 'trade.yaml')]);
  });

  it('a link that leads out of the folder is not followed', async () => {
    const outside = join(base, 'elsewhere');
    mkdirSync(join(outside, 'deeper'), { recursive: true });
    mkdirSync(join(dir, 'facts'));
    symlinkSync(outside, join(dir, 'facts', 'linked'));
    await follow();
    writeFileSync(join(outside, 'trade.yaml'), '[]\n');
    writeFileSync(join(outside, 'deeper', 'energy.yaml'), '[]\n');
    await mark();
    expect(reloads).toEqual([[join(dir, 'workspace.yaml')]]);
  });

  it('a folder that vanishes is a reload, not a failure, and is followed again when it comes back', async () => {
    writeFileSync(join(dir, 'style.yaml'), style('#7a1f1f'));
    await follow();
    rmSync(dir, { recursive: true });
    await reloaded(1);
    mkdirSync(dir);
    await reloaded(2);
    writeFileSync(join(dir, 'style.yaml'), style('#1d3557'));
    await reloaded(3);
    expect(reloads[2]).toEqual([join(dir, 'style.yaml')]);
    expect(lines).toEqual([]);
  });

  it('a change it is told to ignore reads nothing again, but a folder it made is followed', async () => {
    watcher = watchWorkspace([layerFolder(dir)], {
      ignore: (path) => path.startsWith(join(dir, 'templates')),
      onChange: (paths) => void reloads.push([...paths]),
    });
    await watcher.ready;
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'mine.hbs'), 'mine');
    await mark();
    expect(reloads).toEqual([[join(dir, 'workspace.yaml')]]);
    // Not ignored any more (the app's own write is over): the folder it made is watched.
    watcher.close();
    watcher = watchWorkspace([layerFolder(dir)], { onChange: (paths) => void reloads.push([...paths]) });
    await watcher.ready;
    appendFileSync(join(dir, 'templates', 'mine.hbs'), 'more');
    await reloaded(2);
    expect(reloads[1]).toEqual([join(dir, 'templates', 'mine.hbs')]);
  });

  it('a reload that fails is one line in the log, and the next change is followed', async () => {
    let fail = true;
    await follow(() => {
      if (fail) throw new Error('disk on fire\n    at somewhere (file.ts:1:1)');
    });
    writeFileSync(join(dir, 'style.yaml'), style('#7a1f1f'));
    await reloaded(1);
    await vi.waitFor(() => expect(lines).toEqual(['briefwright: could not read the workspace again after a change (disk on fire)']), { timeout: 30_000 });
    fail = false;
    await mark();
    expect(lines).toHaveLength(1);
  });

  it('once closed, follows nothing', async () => {
    await follow();
    watcher!.close();
    writeFileSync(join(dir, 'style.yaml'), style('#7a1f1f'));
    // The same change, followed by another watcher, is seen: the first one would have by then too.
    const other: string[][] = [];
    const second = watchWorkspace([layerFolder(dir)], { onChange: (paths) => void other.push([...paths]) });
    await second.ready;
    appendFileSync(join(dir, 'style.yaml'), '\n');
    await vi.waitFor(() => expect(other).toHaveLength(1), { timeout: 30_000 });
    second.close();
    expect(reloads).toEqual([]);
  });
});
