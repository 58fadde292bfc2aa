/**
 * Realistic DocumentResult objects for the policy tests, built on the real rule set (titles,
 * severities, messages, applicability per sector from rules/*.yaml), plus temp-folder helpers.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentResult, ElementResult, Status } from '../../src/engine/result.js';
import { loadRuleSet, rulesForDisplay } from '../../src/rules/load.js';
import type { Sector, Severity } from '../../src/rules/schema.js';
import { afterEach } from 'vitest';

const set = loadRuleSet();
export const RULE_IDS = rulesForDisplay(set).map((r) => r.id);

function applies(id: string, sector: Sector): boolean {
  const a = set.byId.get(id)!.appliesTo;
  if (a === 'all') return true;
  return 'only' in a ? a.only.includes(sector) : !a.except.includes(sector);
}

export type Gap = Exclude<Status, 'not-applicable' | 'present'>;

export interface DocSpec {
  file: string;
  sha256?: string;
  sector?: Sector;
  /** Rule ID → status; every other rule is present. */
  gaps?: Record<string, Gap>;
  /** Severity overrides, as the engine applies them from the config. */
  severity?: Record<string, Severity>;
  verdict?: DocumentResult['verdict'];
}

export function element(id: string, sector: Sector, status: Exclude<Status, 'not-applicable'>, severity?: Severity): ElementResult {
  const rule = set.byId.get(id)!;
  const ok = applies(id, sector);
  return {
    id,
    kind: rule.kind,
    title: rule.title,
    severity: severity ?? rule.severity,
    status: ok ? status : 'not-applicable',
    contentStatus: status,
    applies: ok,
    decidesVerdict: rule.verdict && ok,
    evidence: status === 'missing' ? [] : [{ quote: 'Zie het stappenplan in deze meldcode.', location: { line: 12, column: 1, section: 'Stappenplan' }, concepts: ['stappenplan'] }],
    reasons: [],
    message: rule.messages[status],
    advice: status === 'present' ? undefined : rule.advice,
    basis: rule.basis,
    ...(status === 'present' ? {} : { anchor: { line: 1, column: 1, heading: 'Meldcode' } }),
  };
}

export function doc(spec: DocSpec): DocumentResult {
  const sector = spec.sector ?? 'wmo';
  if (spec.verdict === 'error') {
    return { file: spec.file, verdict: 'error', elements: [], error: { cause: 'encrypted', message: { nl: 'Versleuteld.', en: 'Encrypted.' } } };
  }
  const elements = rulesForDisplay(set).map((r) => element(r.id, sector, spec.gaps?.[r.id] ?? 'present', spec.severity?.[r.id]));
  const verdict = spec.verdict ?? (elements.every((e) => !e.decidesVerdict || e.status === 'present') ? 'compliant' : 'non-compliant');
  return {
    file: spec.file,
    sha256: spec.sha256,
    verdict,
    title: 'Meldcode huiselijk geweld en kindermishandeling',
    organisation: { name: 'Stichting De Waterlinie', source: 'title' },
    sector: { value: sector, source: 'detected', reasons: ['"beschermd wonen" (3×)'] },
    era: { value: '2019', markers: [], updates: [] },
    elements,
    stats: { format: spec.file.endsWith('.pdf') ? 'pdf' : spec.file.endsWith('.docx') ? 'docx' : 'md', bytes: 9000, blocks: 60, headings: 14, words: 1800 },
  };
}

export function el(result: DocumentResult, id: string): ElementResult {
  const e = result.elements.find((x) => x.id === id);
  if (!e) throw new Error(`no element ${id} in ${result.file}`);
  return e;
}

export const SHA_A = 'a1'.repeat(32);
export const SHA_B = 'b2'.repeat(32);
export const SHA_C = 'c3'.repeat(32);

/** A fresh temp folder (realpath, so macOS /private symlinks do not matter) with files in it. */
export function tempTree(files: Record<string, string> = {}): { root: string; cleanup: () => void } {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'meldcode-policy-')));
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    if (rel.endsWith('/')) mkdirSync(full, { recursive: true });
    else writeFileSync(full, text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** For a test file: a `tree(files)` that makes a temp tree (see tempTree) removed after each test. */
export function tempTrees(): (files: Record<string, string>) => string {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    cleanups.forEach((c) => c());
    cleanups = [];
  });
  return (files) => {
    const t = tempTree(files);
    cleanups.push(t.cleanup);
    return t.root;
  };
}
