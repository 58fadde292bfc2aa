/** Input expansion: folders, globs, zips, skipping, symlink loops, de-duplication (no workers). */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { classifyName, dedupe, expandInputs, hashItems, readZip } from '../../src/batch/inputs.js';
import { skipReasonText } from '../../src/batch/skip-reasons.js';
import { mdZip, smallMeldcode, standardTree, tmpDir, write } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tmpDir());
  standardTree(dir);
});
afterAll(() => cleanup());

const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');

describe('expandInputs: a folder', () => {
  it('lists documents in name order, recursively, and zip entries in place', async () => {
    const { items, unmatched } = await expandInputs([dir]);
    expect(unmatched).toEqual([]);
    expect(items.map((i) => rel(i.name))).toEqual([
      'a-meldcode.md',
      'b-notitie.md',
      'oud.doc',
      'pakket.zip/f.md',
      'pakket.zip/map/e.md',
      'sub/c-kopie.md',
      'sub/deeper/d-plan.txt',
      'tekst.odt',
    ]);
    const zipped = items.find((i) => i.name.endsWith('pakket.zip/map/e.md'))!;
    expect(zipped.source.kind).toBe('bytes');
  });

  it('skips data, images, hidden items, labels.json, node_modules and the symlink loop, with reasons', async () => {
    const { skipped } = await expandInputs([dir]);
    const got = Object.fromEntries(skipped.map((s) => [rel(s.path), s.reason]));
    expect(got).toEqual({
      '.git': 'hidden',
      '.verborgen.md': 'hidden',
      'data.json': 'not-a-document',
      'labels.json': 'labels-file',
      'logo.png': 'not-a-document',
      node_modules: 'node_modules',
      'pakket.zip/plaatje.png': 'not-a-document',
      'sub/loop': 'symlink-loop',
    });
    expect(skipReasonText('symlink-loop', 'en')).toMatch(/loop/);
  });

  it('keeps the order of the inputs and gives a missing literal path as a not-found error', async () => {
    const { items } = await expandInputs([path.join(dir, 'sub'), path.join(dir, 'nope.docx'), path.join(dir, 'a-meldcode.md')]);
    expect(items.map((i) => rel(i.name))).toEqual(['sub/c-kopie.md', 'sub/deeper/d-plan.txt', 'nope.docx', 'a-meldcode.md']);
    expect(items[2]!.source).toEqual({ kind: 'error', cause: 'not-found', detail: {} });
  });

  it('a link given by name that points to itself is not found, and the reason says why', async () => {
    const own = tmpDir();
    try {
      symlinkSync('zelf.md', path.join(own.dir, 'zelf.md'));
      const { items } = await expandInputs([path.join(own.dir, 'zelf.md')]);
      expect(items).toHaveLength(1);
      expect(items[0]!.source).toEqual({ kind: 'error', cause: 'not-found', detail: { reason: 'symbolic link loop' } });
      const missing = await expandInputs([path.join(own.dir, 'weg.md')]);
      expect(missing.items[0]!.source).toEqual({ kind: 'error', cause: 'not-found', detail: {} });
    } finally {
      own.cleanup();
    }
  });

  it('skips a folder\'s own notes (README, LEESMIJ, CHANGELOG, LICENSE) in a scan, not a meldcode named like one', () => {
    for (const n of ['README.md', 'readme.txt', 'LEESMIJ.md', 'CHANGELOG.md', 'LICENSE', 'docs/CONTRIBUTING.md']) expect(classifyName(n), n).toEqual({ skip: 'project-file' });
    for (const n of ['meldcode-readme.md', 'README-meldcode.docx', 'leesmij-meldcode.pdf']) expect(classifyName(n), n).toBe('document');
    expect(skipReasonText('project-file')).toMatch(/README/);
  });

  it('checks a file given by name even when a folder scan would skip it', async () => {
    const { items, skipped } = await expandInputs([path.join(dir, 'data.json')]);
    expect(items.map((i) => rel(i.name))).toEqual(['data.json']);
    expect(skipped).toEqual([]);
  });
});

describe('symbolic links', () => {
  it('follows a linked folder once and skips a second link to it', async () => {
    const { dir: d, cleanup: c } = tmpDir();
    try {
      write(d, 'echt/a.md', '# A\n');
      symlinkSync(path.join(d, 'echt'), path.join(d, 'link1'), 'dir');
      symlinkSync(path.join(d, 'echt'), path.join(d, 'link2'), 'dir');
      symlinkSync(path.join(d, 'weg'), path.join(d, 'kapot.md'));
      const { items, skipped } = await expandInputs([d]);
      expect(items.map((i) => path.relative(d, i.name))).toEqual(['echt/a.md', 'kapot.md']);
      expect(items[1]!.source).toMatchObject({ kind: 'error', cause: 'not-found' });
      expect(skipped.map((s) => [path.relative(d, s.path), s.reason])).toEqual([
        ['link1', 'already-visited'],
        ['link2', 'already-visited'],
      ]);
    } finally {
      c();
    }
  });
});

describe('expandInputs: globs', () => {
  it('expands patterns relative to cwd, sorted, and lists a pattern without matches', async () => {
    const { items, unmatched } = await expandInputs(['sub/**/*.md', '*.docx', '*.md'], { cwd: dir });
    expect(items.map((i) => i.name.split(path.sep).join('/'))).toEqual(['sub/c-kopie.md', 'a-meldcode.md', 'b-notitie.md']);
    expect(unmatched).toEqual(['*.docx']);
  });

  it('classifies glob matches like folder entries', async () => {
    const { items, skipped } = await expandInputs(['*'], { cwd: dir });
    expect(items.some((i) => i.name === 'data.json')).toBe(false);
    expect(skipped.find((s) => s.path === 'data.json')?.reason).toBe('not-a-document');
  });
});

describe('zip archives', () => {
  it('reads a zip given by name in place', async () => {
    const { items, skipped } = await expandInputs([path.join(dir, 'pakket.zip')]);
    expect(items.map((i) => rel(i.name))).toEqual(['pakket.zip/f.md', 'pakket.zip/map/e.md']);
    expect(items.every((i) => i.source.kind === 'bytes')).toBe(true);
    expect(skipped.map((s) => rel(s.path))).toEqual(['pakket.zip/plaatje.png']);
  });

  it('refuses a zip over the entry limit as one error item', async () => {
    const { dir: d, cleanup: c } = tmpDir();
    try {
      const files: Record<string, string> = {};
      for (let i = 0; i < 12; i++) files[`doc-${i}.md`] = `# Doc ${i}\n`;
      write(d, 'veel.zip', mdZip(files));
      const { items } = await expandInputs([d], { zipMaxEntries: 10 });
      expect(items).toHaveLength(1);
      expect(items[0]!.source).toMatchObject({ kind: 'error', cause: 'zip-bomb', detail: { limit: '10', flag: '--zip-max-entries' } });
    } finally {
      c();
    }
  });

  it('refuses a zip whose entries inflate beyond the size limit, even when the headers lie', () => {
    const big = zipSync({ 'groot.md': new Uint8Array(3 * 1024 * 1024).fill(0x61) });
    // Lie in the local header: declare 10 bytes uncompressed.
    const dv = new DataView(big.buffer, big.byteOffset, big.byteLength);
    dv.setUint32(22, 10, true);
    const res = readZip(big, 'x.zip', 1000, 1024 * 1024);
    expect(res).toMatchObject({ error: { cause: 'zip-bomb', detail: { limit: '1 MB', flag: '--zip-max-size' } } });
  });

  it('reports a damaged or non-zip .zip as damaged', () => {
    const res = readZip(strToU8('dit is geen zip'), 'x.zip', 1000, 1e9);
    expect(res).toMatchObject({ error: { cause: 'damaged' } });
  });

  it('treats a renamed .docx (a zip with word/document.xml) as one document', () => {
    const z = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(readZip(z, 'x.zip', 1000, 1e9)).toEqual({ asDocument: true });
  });

  it('skips __MACOSX and nested archives', () => {
    const z = zipSync({ '__MACOSX/._a.md': strToU8('x'), 'a.md': strToU8('# A'), 'in.zip': strToU8('x') });
    const res = readZip(z, 'x.zip', 1000, 1e9);
    expect(res).toMatchObject({
      entries: [{ name: 'x.zip/a.md' }],
      skipped: [
        { path: 'x.zip/__MACOSX/._a.md', reason: 'hidden' },
        { path: 'x.zip/in.zip', reason: 'nested-archive' },
      ],
    });
  });
});

describe('de-duplication', () => {
  it('groups identical content under the first name, in input order', async () => {
    const { items } = await expandInputs([dir]);
    await hashItems(items);
    const units = dedupe(items);
    const a = units.find((u) => u.name.endsWith('a-meldcode.md'))!;
    expect(a.duplicates.map(rel)).toEqual(['sub/c-kopie.md']);
    expect(units.some((u) => u.name.endsWith('c-kopie.md'))).toBe(false);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats a zip entry with the same bytes as a file as a duplicate', async () => {
    const { dir: d, cleanup: c } = tmpDir();
    try {
      write(d, 'a.md', smallMeldcode('X'));
      write(d, 'b.zip', mdZip({ 'a.md': smallMeldcode('X') }));
      const { items } = await expandInputs([d]);
      await hashItems(items);
      const units = dedupe(items);
      expect(units).toHaveLength(1);
      expect(units[0]!.duplicates).toEqual([`${path.join(d, 'b.zip')}/a.md`]);
    } finally {
      c();
    }
  });

  it('never groups empty files and lists a path given twice once', async () => {
    const { dir: d, cleanup: c } = tmpDir();
    try {
      write(d, 'leeg1.md', '');
      write(d, 'leeg2.md', '');
      const { items } = await expandInputs([d, path.join(d, 'leeg1.md')]);
      await hashItems(items);
      expect(dedupe(items).map((u) => path.basename(u.name))).toEqual(['leeg1.md', 'leeg2.md']);
    } finally {
      c();
    }
  });
});

describe('classifyName', () => {
  it('includes other document formats so the loader can refuse them with a hint', () => {
    for (const n of ['a.doc', 'a.odt', 'a.rtf', 'a.pages', 'A.DOCX', 'a.PDF', 'a.markdown', 'a.txt']) expect(classifyName(n)).toBe('document');
    for (const n of ['a.json', 'a.png', 'a.js', 'a.csv', 'a.xlsx']) expect(classifyName(n)).toEqual({ skip: 'not-a-document' });
    expect(classifyName('~$meldcode.docx')).toEqual({ skip: 'hidden' });
  });
});
