/**
 * Safe output, end to end (the unit tests in test/report and test/cli/output.test.ts cover the
 * escaping functions and checkOutputTargets one by one): hostile file names and document text go
 * through the real loader, engine and reporters; reports never land on an input, a missing folder
 * is one clear line, and a report is replaced atomically.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, run } from '../cli/spawn.js';
import { EXAMPLE_MD, tmpDir, write } from './fixtures.js';

let dir: string;
let cleanup: () => void;
const NO_STACK = /\n\s+at .+:\d+:\d+/;

const SCRIPT_NAME = '<img src=x onerror=alert(1)>.md';
const ESC_NAME = 'kleur\u001b[31m\u001b]0;titel\u0007.md';
const FORMULA_NAMES = ['=1+1.md', '+31 20 123.md', '-2.md', '@SUM(A1).md'];

/** A meldcode whose text carries markup, a formula and terminal escapes. */
const HOSTILE_MD = EXAMPLE_MD.replace(/^# (.*)$/m, '# $1 <script>alert("x")</script>').replace(
  /^(De medewerker.*)$/m,
  '$1 Zie =HYPERLINK("http://x.example";"klik") en \u001b[2J\u001b]8;;http://x.example\u0007link\u001b]8;;\u0007 | [a](javascript:alert(1)) <b>vet</b>.',
);

beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tmpDir('meldcode-output-'));
  write(dir, `in/${SCRIPT_NAME}`, HOSTILE_MD);
  write(dir, `in/${ESC_NAME}`, HOSTILE_MD.replace('Waterlinie', 'Kleurlinie'));
  FORMULA_NAMES.forEach((n, i) => write(dir, `in/${n}`, EXAMPLE_MD.replace(/De Waterlinie/g, `De Formule ${i}`)));
  write(dir, 'uit/.keep', '');
});
afterAll(() => cleanup?.());

/** `check .` from inside the input folder, so the names in the reports start with =, +, -, @, <. */
const check = (...args: string[]) => run(['check', '.', '--no-progress', ...args], {}, path.join(dir, 'in'));

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('hostile names and text through the real pipeline', () => {
  it('CSV: no cell starts like a formula; the file names keep their text behind a quote', () => {
    const r = check('--format', 'csv');
    expect(r.stderr).not.toMatch(NO_STACK);
    const rows = parseCsv(r.stdout.replace(/^\uFEFF/, ''));
    expect(rows.length).toBe(1 + 2 + FORMULA_NAMES.length);
    for (const row of rows) for (const c of row) expect(c, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    const files = rows.slice(1).map((row) => row[0]);
    for (const n of FORMULA_NAMES) expect(files).toContain(`'${n}`);
  });

  it('HTML: file names and document text are escaped; nothing active gets in', () => {
    const html = check('--format', 'html').stdout;
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.md');
    expect(html).not.toMatch(/<img\b|<script>alert|<b>vet|href="javascript|onerror=alert\(1\)>/i);
    expect(html).not.toMatch(/<script\b/i);
  });

  it('Markdown: file names and document text are escaped; no terminal escapes', () => {
    const md = check('--format', 'markdown').stdout;
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>.md');
    // Escaped as \< in Markdown; never a raw tag or a javascript: link.
    expect(md.match(/.{0,60}((?<!\\)<(img\b|script>|b>vet)|\]\(javascript:).{0,30}/)?.[0]).toBeUndefined();
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('the terminal report carries no control characters from names or text', () => {
    const r = check();
    expect(r.stdout).toContain('kleur\uFFFD[31m\uFFFD]0;titel\uFFFD.md');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('JSON keeps the exact names (escaped by JSON itself)', () => {
    const docs = JSON.parse(check('--format', 'json').stdout).documents as Array<{ file: string }>;
    expect(docs.map((d) => d.file)).toContain(ESC_NAME);
    expect(docs.map((d) => d.file)).toContain(SCRIPT_NAME);
  });
});

describe('where reports go', () => {
  it('never onto an input, also one found in a folder; the input stays as it was', () => {
    const target = path.join(dir, 'in', '=1+1.md');
    const before = readFileSync(target, 'utf8');
    const r = run(['check', path.join(dir, 'in'), '--format', 'json', '--output', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`meldcode: weigering: ${target} is een invoerbestand en wordt niet overschreven\n`);
    expect(readFileSync(target, 'utf8')).toBe(before);
  });

  it('--output or --report into a missing folder: one clear line, exit 2, nothing written', () => {
    const listing = readdirSync(dir).sort();
    for (const args of [
      ['--output', path.join(dir, 'bestaat-niet', 'r.json')],
      ['--report', `html=${path.join(dir, 'bestaat-niet', 'r.html')}`],
      ['--format', 'csv', '--output', path.join(dir, 'uit', 'r.csv'), '--report', `json=${path.join(dir, 'bestaat-niet', 'r.json')}`],
    ]) {
      const r = run(['check', path.join(dir, 'in'), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^meldcode: map bestaat niet: ${path.join(dir, 'bestaat-niet').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(voor .*\\)\\n$`));
      expect(r.stderr).not.toMatch(NO_STACK);
    }
    // Not even the first report of a run whose second target is bad.
    expect(readdirSync(dir).sort()).toEqual(listing);
    expect(readdirSync(path.join(dir, 'uit'))).toEqual(['.keep']);
  });

  it('a report is replaced atomically: a new file renamed over the old one, no temporary file left', () => {
    const out = path.join(dir, 'uit', 'rapport.json');
    expect(run(['check', path.join(dir, 'in', '=1+1.md'), '--format', 'json', '--output', out]).code).toBe(0);
    const first = statSync(out);
    expect(run(['check', path.join(dir, 'in', '-2.md'), '--format', 'json', '--output', out]).code).toBe(0);
    const second = statSync(out);
    // rename(2) puts a new inode in place; writing in place would keep the old one.
    expect(second.ino).not.toBe(first.ino);
    expect(JSON.parse(readFileSync(out, 'utf8')).documents[0].file).toBe(path.join(dir, 'in', '-2.md'));
    expect(readdirSync(path.join(dir, 'uit')).sort()).toEqual(['.keep', 'rapport.json']);
    expect(existsSync(path.join(dir, 'in', 'rapport.json'))).toBe(false);
  });
});
