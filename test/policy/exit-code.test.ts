import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/engine/result.js';
import type { ElementResult } from '../../src/engine/result.js';
import { applyBaseline, writeBaseline } from '../../src/policy/baseline.js';
import { countFindings, exitCode, type ExitCodeOptions } from '../../src/policy/exit-code.js';
import { applyWaivers, type Waiver } from '../../src/policy/waivers.js';
import { doc, SHA_A } from './helpers.js';

const ROOT = '/repo';
const TODAY = '2026-03-15';

/** Documents for the matrix. Severities from the rule set: M04 error, M10/M01 warning, S01/S03 info. */
const D = {
  clean: () => doc({ file: 'beleid/compleet.md' }),
  /** Non-compliant: M04 (error) missing. */
  errorGap: () => doc({ file: 'beleid/waterlinie.docx', sha256: SHA_A, gaps: { M04: 'missing' } }),
  /** Compliant, two warnings (M01, M10 partial). */
  twoWarnings: () => doc({ file: 'beleid/warn.md', gaps: { M01: 'partial', M10: 'partial' } }),
  /** Compliant, info only (S01, S03). */
  infoOnly: () => doc({ file: 'beleid/info.md', gaps: { S01: 'missing', S03: 'partial' } }),
  /** M04 downgraded to warning in the config (the engine applied the override). */
  downgraded: () => doc({ file: 'beleid/down.md', gaps: { M04: 'missing' }, severity: { M04: 'warning' } }),
  unreadable: () => doc({ file: 'beleid/scan.pdf', verdict: 'error' }),
  notMeldcode: () => doc({ file: 'beleid/notulen.md', verdict: 'not-a-meldcode', gaps: { M02: 'missing' } }),
};

function waive(results: DocumentResult[], rule: string, expires: string): DocumentResult[] {
  const w: Waiver = { index: 0, rule, document: 'beleid/**', justification: 'Bijlage volgt in Q2.', approver: 'J. de Vries', expires, file: `${ROOT}/meldcode-waivers.yaml` };
  return applyWaivers(results, [w], { today: TODAY, cwd: ROOT }).results;
}

function baselined(results: DocumentResult[]): DocumentResult[] {
  return applyBaseline(results, writeBaseline(results, { cwd: ROOT }), { cwd: ROOT }).results;
}

type Row = { name: string; docs: () => DocumentResult[]; opts: ExitCodeOptions; code: 0 | 1 | 2 };

const rows: Row[] = [
  // Defaults: failOn error, no warning limit.
  { name: 'clean document', docs: () => [D.clean()], opts: {}, code: 0 },
  { name: 'error gap', docs: () => [D.errorGap()], opts: {}, code: 1 },
  { name: 'warnings only, failOn error', docs: () => [D.twoWarnings()], opts: {}, code: 0 },
  { name: 'info only, failOn error', docs: () => [D.infoOnly()], opts: {}, code: 0 },
  // failOn
  { name: 'warnings, failOn warning', docs: () => [D.twoWarnings()], opts: { failOn: 'warning' }, code: 1 },
  { name: 'info only, failOn warning', docs: () => [D.infoOnly()], opts: { failOn: 'warning' }, code: 0 },
  { name: 'info only, failOn info', docs: () => [D.infoOnly()], opts: { failOn: 'info' }, code: 1 },
  { name: 'error gap, failOn info', docs: () => [D.errorGap()], opts: { failOn: 'info' }, code: 1 },
  { name: 'verdict gap downgraded to warning, failOn error', docs: () => [D.downgraded()], opts: {}, code: 0 },
  { name: 'verdict gap downgraded to warning, failOn warning', docs: () => [D.downgraded()], opts: { failOn: 'warning' }, code: 1 },
  // maxWarnings
  { name: '2 warnings, maxWarnings 2', docs: () => [D.twoWarnings()], opts: { maxWarnings: 2 }, code: 0 },
  { name: '2 warnings, maxWarnings 1', docs: () => [D.twoWarnings()], opts: { maxWarnings: 1 }, code: 1 },
  { name: '2 warnings, maxWarnings 0', docs: () => [D.twoWarnings()], opts: { maxWarnings: 0 }, code: 1 },
  { name: 'warnings over 2 documents add up (3 > 2)', docs: () => [D.twoWarnings(), D.downgraded()], opts: { maxWarnings: 2 }, code: 1 },
  { name: 'maxWarnings -1 means no limit', docs: () => [D.twoWarnings()], opts: { maxWarnings: -1 }, code: 0 },
  { name: 'info findings do not count as warnings', docs: () => [D.infoOnly()], opts: { maxWarnings: 0 }, code: 0 },
  // exitZero
  { name: 'error gap, exitZero', docs: () => [D.errorGap()], opts: { exitZero: true }, code: 0 },
  { name: 'not-a-meldcode, exitZero', docs: () => [D.notMeldcode()], opts: { exitZero: true }, code: 0 },
  { name: 'warnings over the limit, exitZero', docs: () => [D.twoWarnings()], opts: { maxWarnings: 0, exitZero: true }, code: 0 },
  // error / not-a-meldcode documents
  { name: 'unreadable document', docs: () => [D.clean(), D.unreadable()], opts: {}, code: 2 },
  { name: 'unreadable document wins over exitZero', docs: () => [D.unreadable()], opts: { exitZero: true }, code: 2 },
  { name: 'unreadable document wins over gaps', docs: () => [D.errorGap(), D.unreadable()], opts: { failOn: 'info' }, code: 2 },
  { name: 'not-a-meldcode fails whatever failOn', docs: () => [D.notMeldcode()], opts: { failOn: 'error' }, code: 1 },
  // Waivers and baseline
  { name: 'error gap waived', docs: () => waive([D.errorGap()], 'M04', '2026-12-31'), opts: {}, code: 0 },
  { name: 'error gap, waiver expired', docs: () => waive([D.errorGap()], 'M04', '2026-03-14'), opts: {}, code: 1 },
  { name: 'error gap, waiver expires today (still holds)', docs: () => waive([D.errorGap()], 'M04', TODAY), opts: {}, code: 0 },
  { name: 'warnings waived, maxWarnings 0', docs: () => waive([D.twoWarnings()], 'M*', '2026-12-31'), opts: { maxWarnings: 0, failOn: 'warning' }, code: 0 },
  { name: 'warnings, expired waiver, maxWarnings 1', docs: () => waive([D.twoWarnings()], 'M*', '2026-01-01'), opts: { maxWarnings: 1 }, code: 1 },
  { name: 'everything baselined, failOn info, maxWarnings 0', docs: () => baselined([D.errorGap(), D.twoWarnings(), D.infoOnly()]), opts: { failOn: 'info', maxWarnings: 0 }, code: 0 },
  { name: 'baselined plus a new error gap', docs: () => [...baselined([D.twoWarnings()]), D.errorGap()], opts: {}, code: 1 },
  { name: 'baseline does not cover an unreadable document', docs: () => baselined([D.errorGap(), D.unreadable()]), opts: {}, code: 2 },
  { name: 'baseline does not cover not-a-meldcode', docs: () => baselined([D.notMeldcode()]), opts: {}, code: 1 },
];

describe('exitCode matrix', () => {
  it.each(rows)('$name → $code', ({ docs, opts, code }) => {
    expect(exitCode(docs(), opts)).toBe(code);
  });
  it('has at least 15 combinations', () => expect(rows.length).toBeGreaterThanOrEqual(15));
});

describe('countFindings', () => {
  it('counts open findings per severity, suppressed and expired separately', () => {
    const docs = [...waive([D.errorGap(), D.twoWarnings()], 'M10', '2026-12-31'), ...waive([D.infoOnly()], 'S01', '2026-01-01'), D.clean(), D.unreadable()];
    expect(countFindings(docs)).toEqual({ error: 1, warning: 1, info: 2, suppressed: 1, expired: 1 });
  });

  it('counts only documents judged as a meldcode (a not-a-meldcode document fails on its own)', () => {
    expect(countFindings([D.notMeldcode(), D.unreadable()])).toEqual({ error: 0, warning: 0, info: 0, suppressed: 0, expired: 0 });
    const notMeldcodeWithWarning = doc({ file: 'beleid/nieuws.md', verdict: 'not-a-meldcode', gaps: { M10: 'missing' } });
    expect(countFindings([notMeldcodeWithWarning, D.twoWarnings()]).warning).toBe(2);
    expect(exitCode([notMeldcodeWithWarning], { exitZero: true, maxWarnings: 0 })).toBe(0);
  });

  it('ignores present and not-applicable elements', () => {
    const d = doc({ file: 'k.md', sector: 'kinderopvang', gaps: { M08: 'missing', M07: 'missing' } }); // neither applies to kinderopvang
    expect(d.elements.filter((e: ElementResult) => e.status === 'not-applicable').map((e) => e.id)).toEqual(expect.arrayContaining(['M07', 'M08']));
    expect(countFindings([d])).toEqual({ error: 0, warning: 0, info: 0, suppressed: 0, expired: 0 });
    expect(exitCode([d], { failOn: 'info' })).toBe(0);
  });
});
