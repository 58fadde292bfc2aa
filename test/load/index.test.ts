import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { loadBuffer, loadFile, oneLine } from '../../src/load/index.js';
import { isInputError } from '../../src/load/errors.js';
import { cause } from '../helpers/input-error.js';
import { cleanupTmp, tmpDir, writeBytes } from '../helpers/docx-fixtures.js';

afterAll(cleanupTmp);

const TEXT = '# Meldcode\n\nDe medewerker brengt signalen in kaart en overlegt met de aandachtsfunctionaris.\n';

describe('loadFile: file system errors', () => {
  it('missing file → not-found', async () => {
    const e = await cause(loadFile(path.join(tmpDir(), 'bestaat-niet.md')));
    expect(e.cause).toBe('not-found');
    expect(e.file).toContain('bestaat-niet.md');
  });

  it('a directory → is-directory', async () => {
    const dir = path.join(tmpDir(), 'map.docx');
    mkdirSync(dir, { recursive: true });
    expect((await cause(loadFile(dir))).cause).toBe('is-directory');
  });

  it('larger than maxFileBytes → too-large with limit and flag', async () => {
    const file = writeBytes('groot.md', TEXT.repeat(100));
    const e = await cause(loadFile(file, { maxFileBytes: 1024 }));
    expect(e.cause).toBe('too-large');
    expect(e.detail).toEqual({ limit: '1 kB', flag: '--max-file-size' });
    const d = await cause(loadBuffer('groot.md', Buffer.from(TEXT), { maxFileBytes: 10 }));
    expect(d.cause).toBe('too-large');
  });

  it.skipIf(process.getuid?.() === 0)('no read permission → unreadable', async () => {
    const file = writeBytes('geheim.md', TEXT);
    chmodSync(file, 0o000);
    try {
      expect((await cause(loadFile(file))).cause).toBe('unreadable');
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('the default limit message says 50 MB', async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    const e = await cause(loadBuffer('x.md', big));
    expect(e.detail).toEqual({ limit: '50 MB', flag: '--max-file-size' });
  });
});

describe('loadBuffer: format refusals by content', () => {
  it.each([
    ['leeg.md', new Uint8Array(0), 'empty'],
    ['spaties.md', Buffer.from('  \n\n \t'), 'empty'],
    ['kort.md', Buffer.from('# Kop\n\nKort.'), 'empty'],
    ['oud.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]), 'legacy-doc'],
    ['brief.rtf', Buffer.from('{\\rtf1\\ansi\\deff0 Hallo}'), 'rtf'],
    ['pagina.html', Buffer.from('<!doctype html><html><body><h1>Meldcode</h1></body></html>'), 'unsupported-format'],
    ['data.bin', new Uint8Array(512).map((_, i) => (i * 31 + 7) % 256), 'binary'],
    ['tekst.odt', zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<x/>') }), 'odt'],
    ['archief.docx', zipSync({ 'a.txt': strToU8('hallo') }), 'unsupported-format'],
  ] as const)('%s → %s', async (name, bytes, expected) => {
    const e = await cause(loadBuffer(name, bytes));
    expect(e.cause).toBe(expected);
    expect(e.file).toBe(name);
  });

  it('a PDF named .docx is read as PDF (content decides)', async () => {
    const e = await cause(loadBuffer('echt-een-pdf.docx', Buffer.from('%PDF-1.4\n' + 'x'.repeat(100))));
    expect(e.cause).toBe('damaged'); // went to the PDF parser, not the zip reader
  });

  it('never lets a raw exception escape: random bytes in many shapes give InputErrors', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 25; i++) {
      const n = Math.floor(rnd() * 3000) + 1;
      const bytes = new Uint8Array(n).map(() => Math.floor(rnd() * 256));
      const prefix = [[], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x50, 0x4b, 0x03, 0x04]][i % 3]!;
      bytes.set(prefix.slice(0, n));
      try {
        await loadBuffer(`f${i}`, bytes);
      } catch (err) {
        expect(isInputError(err), String(err)).toBe(true);
      }
    }
  });
});

describe('reasons are one safe line', () => {
  it('oneLine: the first line, no control characters or bidi overrides, at most 200 characters', () => {
    expect(oneLine('eerste\ntweede')).toBe('eerste');
    expect(oneLine('naam \u001b[31mrood\u0007 \u202eomgekeerd')).toBe('naam ?[31mrood? ?omgekeerd');
    expect(oneLine('x'.repeat(500))).toHaveLength(200);
  });

  it('a zip entry name with escapes does not carry them into the reason', async () => {
    const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/\u001b[2Jx\n.xml': strToU8('<x/>') });
    // No word/document.xml: damaged, and the reason is clean whatever the parser said.
    const e = await cause(loadBuffer('x.docx', zip));
    expect(e.cause).toBe('damaged');
    expect(String(e.detail.reason)).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('lazy loading', () => {
  it('a Markdown document loads without pulling in the PDF or DOCX parsers', async () => {
    const doc = await loadBuffer('a.md', Buffer.from(TEXT));
    expect(doc.blocks.length).toBe(2);
    // The index module must not import docx.ts or pdf.ts statically.
    const src = (await import('node:fs')).readFileSync(new URL('../../src/load/index.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^import .*['"]\.\/(docx|pdf|pdf-layout)\.js['"]/m);
    expect(src).not.toMatch(/^import .*['"](mammoth|unpdf)/m);
  });
});
