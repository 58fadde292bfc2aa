/**
 * The checker on the shared labelled corpus (../shared/corpus, beside the project in CI) and on our
 * own labelled set (fixtures/labelled): sector detection, and evidence that holds — every quote of a
 * present or partial element can be found at its location in the original file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../src/document/normalize.js';
import { checkDocument } from '../../src/engine/check.js';
import type { DocumentResult } from '../../src/engine/result.js';
import { loadFile } from '../../src/load/index.js';
import { loadRuleSet } from '../../src/rules/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(here, '../../../shared/corpus');
const OWN = path.resolve(here, '../../fixtures/labelled');

interface Label { file: string; sector: string; verdict: string; path: string }

function labels(root: string): Label[] {
  const out: Label[] = [];
  const walk = (dir: string) => {
    const lf = path.join(dir, 'labels.json');
    if (existsSync(lf)) {
      for (const d of JSON.parse(readFileSync(lf, 'utf8')).documents) out.push({ ...d, path: path.join(dir, d.file) });
    }
    for (const name of ['a', 'b', 'part1', 'part2', 'set1', 'set2', 'errors']) if (existsSync(path.join(dir, name))) walk(path.join(dir, name));
  };
  walk(root);
  return out;
}

/** Folded text with spaces and hyphens removed, so line breaks and hyphenation do not matter. */
function squash(s: string): string {
  return fold(s).text.replace(/[\s\-‐-―]+/g, '');
}

/** Markdown source without its markup characters (emphasis, headings, quotes, table bars, links). */
function unmark(s: string): string {
  return s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`#>|]/g, ' ');
}

const pdfPages = new Map<string, string[]>();

async function originalText(file: string, format: string, page?: number): Promise<string> {
  if (format === 'pdf' && pdfPages.has(file)) {
    const pages = pdfPages.get(file)!;
    return page ? (pages[page - 1] ?? '') : pages.join('\n');
  }
  if (format === 'docx') {
    const mammoth = await import('mammoth');
    return (await mammoth.default.extractRawText({ buffer: readFileSync(file) })).value;
  }
  if (format === 'pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
    const { text } = await extractText(pdf, { mergePages: false });
    await pdf.destroy();
    pdfPages.set(file, text);
    return page ? (text[page - 1] ?? '') : text.join('\n');
  }
  return unmark(readFileSync(file, 'utf8'));
}

for (const [name, root] of [['shared corpus', SHARED], ['own labelled set', OWN]] as const) {
  const docs = existsSync(root) ? labels(root).filter((d) => d.verdict === 'compliant' || d.verdict === 'non-compliant') : [];
  describe.skipIf(!docs.length)(`${name}`, () => {
    const results = new Map<string, DocumentResult>();
    beforeAll(async () => {
      const rs = loadRuleSet();
      for (const d of docs) results.set(d.path, checkDocument(await loadFile(d.path), rs));
    }, 120_000);

    it('detects the labelled sector for at least 90% of the meldcodes', () => {
      const wrong = docs.filter((d) => results.get(d.path)!.sector!.value !== d.sector).map((d) => `${d.file}: ${d.sector} → ${results.get(d.path)!.sector!.value}`);
      expect((docs.length - wrong.length) / docs.length, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
    });

    it('quotes evidence that stands at its location in the original file', async () => {
      const problems: string[] = [];
      let checked = 0;
      for (const d of docs) {
        const r = results.get(d.path)!;
        const format = r.stats!.format;
        const whole = squash(await originalText(d.path, format));
        const lines = format === 'md' || format === 'txt' ? unmark(readFileSync(d.path, 'utf8')).split('\n') : [];
        for (const e of r.elements) {
          if (e.contentStatus === 'missing') continue;
          if (!e.evidence.length && !['M03', 'M05'].includes(e.id)) problems.push(`${d.file} ${e.id}: no evidence`);
          for (const ev of e.evidence) {
            checked++;
            // Table rows are quoted as "cell | cell": each cell must stand in the original.
            const pieces = ev.quote.replace(/…$/, '').split(' | ').map(squash).filter((p) => p.length > 0);
            let haystack = whole;
            // The quote's start must stand on its PDF page, or within three lines of its Markdown line.
            if (format === 'pdf' && ev.location.page) haystack = squash(await originalText(d.path, 'pdf', ev.location.page));
            const width = format === 'pdf' ? 30 : 60;
            if ((format === 'md' || format === 'txt') && ev.location.line) haystack = squash(lines.slice(ev.location.line - 1, ev.location.line + 3).join('\n'));
            const first = pieces[0]!.slice(0, width);
            // PDF lines of a drawn table come out of the text layer cell by cell: then every word must
            // stand on that page.
            const words = fold(ev.quote.replace(/…$/, '')).text.split(/[^a-z0-9]+/).filter((w) => w.length >= 4);
            const byWords = format === 'pdf' && words.every((w) => haystack.includes(w));
            if (!byWords && !pieces.every((p) => haystack.includes(p.slice(0, width)))) problems.push(`${d.file} ${e.id} ${JSON.stringify(ev.location)}: "${ev.quote.slice(0, 60)}" not found (${first})`);
            if (format === 'md' && !ev.location.line) problems.push(`${d.file} ${e.id}: no line`);
            if (format === 'pdf' && !ev.location.page) problems.push(`${d.file} ${e.id}: no page`);
            if (format === 'docx' && !ev.location.paragraph) problems.push(`${d.file} ${e.id}: no paragraph`);
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
      expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    }, 120_000);
  });
}
