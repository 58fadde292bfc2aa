import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/engine/result.js';
import { applyBaseline, fingerprint, loadBaseline, parseBaseline, saveBaseline, writeBaseline, type Baseline } from '../../src/policy/baseline.js';
import { ConfigError } from '../../src/policy/errors.js';
import { countFindings, exitCode } from '../../src/policy/exit-code.js';
import { applyWaivers, type Waiver } from '../../src/policy/waivers.js';
import { doc, el, SHA_A, SHA_B, SHA_C, tempTree } from './helpers.js';

const ROOT = '/repo';
const opts = { cwd: ROOT, baseDir: ROOT };
const NOW = new Date('2026-03-15T09:30:00Z');

function current(): DocumentResult[] {
  return [
    doc({ file: 'beleid/de-waterlinie.docx', sha256: SHA_A, gaps: { M04: 'missing', 'M03.5': 'partial', M10: 'partial', S03: 'missing' } }),
    doc({ file: 'beleid/kinderopvang/meldcode.pdf', sha256: SHA_B, sector: 'kinderopvang', gaps: { 'M05.1': 'missing', S05: 'partial' } }),
    doc({ file: 'beleid/compleet.md', sha256: SHA_C }),
    doc({ file: 'beleid/scan.pdf', verdict: 'error' }),
    doc({ file: 'beleid/notulen.md', verdict: 'not-a-meldcode', gaps: { M02: 'missing' } }),
  ];
}

describe('writeBaseline', () => {
  it('one entry per open finding, sorted, with path, sha256 and fingerprint', () => {
    const b = writeBaseline(current(), { ...opts, now: NOW, rulesetVersion: '2019.1' });
    expect(b.version).toBe(1);
    expect(b.createdAt).toBe('2026-03-15T09:30:00.000Z');
    expect(b.rulesetVersion).toBe('2019.1');
    expect(b.entries.map((e) => `${e.file} ${e.rule} ${e.status}`)).toEqual([
      'beleid/de-waterlinie.docx M03.5 partial',
      'beleid/de-waterlinie.docx M04 missing',
      'beleid/de-waterlinie.docx M10 partial',
      'beleid/de-waterlinie.docx S03 missing',
      'beleid/kinderopvang/meldcode.pdf M05.1 missing',
      'beleid/kinderopvang/meldcode.pdf S05 partial',
    ]);
    expect(b.entries[1]).toEqual({ fingerprint: fingerprint('beleid/de-waterlinie.docx', 'M04'), file: 'beleid/de-waterlinie.docx', sha256: SHA_A, rule: 'M04', status: 'missing' });
    expect(fingerprint('beleid/de-waterlinie.docx', 'M04')).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint('beleid/de-waterlinie.docx', 'M04')).not.toBe(fingerprint('beleid/de-waterlinie.docx', 'M05'));
  });

  it('paths are relative to the baseline folder, also for absolute result paths', () => {
    const b = writeBaseline([doc({ file: '/repo/beleid/a.md', gaps: { M04: 'missing' } })], { cwd: '/elsewhere', baseDir: '/repo/policy' });
    expect(b.entries[0]!.file).toBe('../beleid/a.md');
    expect(b.entries[0]!.sha256).toBeUndefined();
  });

  it('leaves out findings under a waiver in force, keeps those whose waiver expired', () => {
    const waiver = (rule: string, expires: string): Waiver => ({ index: 0, rule, document: 'beleid/de-waterlinie.docx', justification: 'j', approver: 'a', expires, file: '/repo/w.yaml' });
    const { results } = applyWaivers(current(), [waiver('M04', '2027-01-01'), waiver('M10', '2026-01-01')], { today: '2026-03-15', cwd: ROOT });
    const rules = writeBaseline(results, opts).entries.filter((e) => e.file === 'beleid/de-waterlinie.docx').map((e) => e.rule);
    expect(rules).toEqual(['M03.5', 'M10', 'S03']);
  });
});

describe('applyBaseline', () => {
  it('round trip: every finding absorbed, 0 new, nothing stale, exit 0', () => {
    const b = writeBaseline(current(), opts);
    const { results, new: fresh, stale, matched } = applyBaseline(current(), b, opts);
    expect(fresh).toBe(0);
    expect(stale).toEqual([]);
    expect(matched).toBe(6);
    expect(el(results[0]!, 'M04').suppressed).toEqual({ kind: 'baseline' });
    expect(el(results[0]!, 'M01').suppressed).toBeUndefined(); // present
    const judged = results.filter((d) => d.verdict !== 'error' && d.verdict !== 'not-a-meldcode');
    expect(exitCode(judged)).toBe(0);
    expect(countFindings(judged)).toEqual({ error: 0, warning: 0, info: 0, suppressed: 6, expired: 0 });
  });

  it('a fixed gap leaves a stale entry', () => {
    const b = writeBaseline(current(), opts);
    const now = current();
    now[0] = doc({ file: 'beleid/de-waterlinie.docx', sha256: 'e5'.repeat(32), gaps: { 'M03.5': 'partial', M10: 'partial', S03: 'missing' } }); // M04 fixed
    const r = applyBaseline(now, b, opts);
    expect(r.new).toBe(0);
    expect(r.stale.map((e) => `${e.file} ${e.rule}`)).toEqual(['beleid/de-waterlinie.docx M04']);
  });

  it('a new gap is not suppressed and fails the run', () => {
    const b = writeBaseline(current(), opts);
    const now = current().slice(0, 3);
    now[2] = doc({ file: 'beleid/compleet.md', sha256: SHA_C, gaps: { M08: 'missing' } });
    const r = applyBaseline(now, b, opts);
    expect(r.new).toBe(1);
    expect(el(r.results[2]!, 'M08').suppressed).toBeUndefined();
    expect(exitCode(r.results)).toBe(1);
  });

  it('a gap that got worse (partial → missing) counts as new; better (missing → partial) stays absorbed', () => {
    const b = writeBaseline(current(), opts);
    const now = current().slice(0, 3);
    now[0] = doc({ file: 'beleid/de-waterlinie.docx', sha256: SHA_A, gaps: { M04: 'partial', 'M03.5': 'missing', M10: 'partial', S03: 'missing' } });
    const r = applyBaseline(now, b, opts);
    expect(r.new).toBe(1);
    expect(el(r.results[0]!, 'M03.5').suppressed).toBeUndefined();
    expect(el(r.results[0]!, 'M04').suppressed).toEqual({ kind: 'baseline' });
    expect(r.stale.map((e) => `${e.rule} ${e.status}`)).toEqual(['M03.5 partial']);
  });

  it('a renamed document still matches by sha256', () => {
    const b = writeBaseline(current(), opts);
    const now = current().slice(0, 3);
    now[0] = { ...now[0]!, file: 'beleid/archief/de-waterlinie-2025.docx' };
    const r = applyBaseline(now, b, opts);
    expect(r.new).toBe(0);
    expect(r.stale).toEqual([]);
  });

  it('count-aware: a copy of a baselined document does not share its entries', () => {
    const b = writeBaseline(current(), opts);
    const copy = { ...current()[0]!, file: 'beleid/kopie-de-waterlinie.docx' }; // same sha256, other path
    const r = applyBaseline([...current(), copy], b, opts);
    expect(r.new).toBe(4);
    expect(r.results[5]!.elements.filter((e) => e.suppressed).length).toBe(0);
    expect(el(r.results[0]!, 'M04').suppressed).toEqual({ kind: 'baseline' });
  });

  it('a document whose content changed never takes the entries of another path by sha256', () => {
    // a.md was baselined; it is still there (edited, gap fixed); b.md now has a.md's old content.
    const base = writeBaseline([doc({ file: 'a.md', sha256: SHA_A, gaps: { M04: 'missing' } })], opts);
    const r = applyBaseline([doc({ file: 'a.md', sha256: SHA_B }), doc({ file: 'b.md', sha256: SHA_A, gaps: { M04: 'missing' } })], base, opts);
    expect(r.new).toBe(1);
    expect(r.stale).toHaveLength(1);
  });

  it('a waiver in force wins; the baseline does not relabel it', () => {
    const b = writeBaseline(current(), opts);
    const w: Waiver = { index: 0, rule: 'M04', document: 'beleid/de-waterlinie.docx', justification: 'Bijlage volgt.', approver: 'J. de Vries', expires: '2027-01-01', file: '/repo/w.yaml' };
    const waived = applyWaivers(current(), [w], { today: '2026-03-15', cwd: ROOT }).results;
    const r = applyBaseline(waived, b, opts);
    expect(el(r.results[0]!, 'M04').suppressed?.kind).toBe('waiver');
    expect(r.stale.map((e) => e.rule)).toEqual(['M04']);
    expect(r.new).toBe(0);
  });

  it('does not change its input', () => {
    const input = current();
    const snap = JSON.stringify(input);
    applyBaseline(input, writeBaseline(input, opts), opts);
    expect(JSON.stringify(input)).toBe(snap);
  });
});

describe('baseline files', () => {
  let cleanup: () => void = () => {};
  afterEach(() => cleanup());

  it('save → load gives the same baseline; bad files are ConfigErrors naming the key', () => {
    const t = tempTree({ 'bad.json': '{"version": 1, "createdAt": "x", "entries": [{"fingerprint": "f", "file": "a.md", "rule": "M04", "status": "absent"}]}' });
    cleanup = t.cleanup;
    const file = path.join(t.root, 'meldcode-baseline.json');
    const b = writeBaseline(current(), { ...opts, now: NOW });
    saveBaseline(file, b);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    expect(loadBaseline(file)).toEqual(b);
    expect(parseBaseline(readFileSync(file, 'utf8'))).toEqual(b);
    const err = (() => {
      try {
        loadBaseline(path.join(t.root, 'bad.json'));
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.key).toBe('entries[0].status');
    expect(err.problem).toBe('expected "partial" | "missing", got "absent"');
    expect(() => parseBaseline('{"version": 2, "createdAt": "x", "entries": []}')).toThrow(/version: expected 1/);
    expect(() => loadBaseline(path.join(t.root, 'nope.json'))).toThrow(/file not found/);
  });

  it('the baseline type is plain JSON', () => {
    const b: Baseline = writeBaseline(current(), opts);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });
});
