import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, displayPath } from '../../src/policy/errors.js';
import { exitCode } from '../../src/policy/exit-code.js';
import { applyWaivers, checkWaiversFile, findWaiversFile, loadWaivers } from '../../src/policy/waivers.js';
import { doc, el, RULE_IDS, SHA_A, SHA_B, tempTrees } from './helpers.js';

const tree = tempTrees();

const TODAY = '2026-03-15';

const WAIVERS = `# Uitzonderingen, beoordeeld door de kwaliteitsfunctionaris
waivers:
  - rule: M04
    document: beleid/locaties/*.docx
    justification: Afwegingskader staat in de aparte bijlage die in Q2 in de meldcode wordt opgenomen.
    approver: J. de Vries (kwaliteit)
    expires: 2026-06-30
  - rule: "M03.*"
    sha256: ${SHA_B.toUpperCase()}
    justification: Oude PDF van de dagbesteding; de nieuwe versie ligt bij de OR.
    approver: A. Bakker
    expires: 2026-04-01
  - rule: M05.1
    document: "**/meldcode-kinderopvang.md"
    justification: Eindverantwoordelijke wordt na de reorganisatie benoemd.
    approver: A. Bakker
    expires: 2026-01-31
  - rule: S07
    document: beleid/verdwenen.docx
    justification: Mantelzorgcheck volgt.
    approver: A. Bakker
    expires: 2027-01-01
`;

function setup() {
  const root = tree({ 'policy/meldcode-waivers.yaml': WAIVERS });
  const file = path.join(root, 'policy/meldcode-waivers.yaml');
  return { root, file, waivers: loadWaivers(file, RULE_IDS) };
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadWaivers', () => {
  it('reads the waivers with their fields, sha256 in lower case', () => {
    const { waivers, file } = setup();
    expect(waivers).toHaveLength(4);
    expect(waivers[0]).toEqual({
      index: 0,
      rule: 'M04',
      document: 'beleid/locaties/*.docx',
      sha256: undefined,
      justification: 'Afwegingskader staat in de aparte bijlage die in Q2 in de meldcode wordt opgenomen.',
      approver: 'J. de Vries (kwaliteit)',
      expires: '2026-06-30',
      file,
    });
    expect(waivers[1]!.sha256).toBe(SHA_B);
  });

  it('accepts a bare list and an empty file', () => {
    const root = tree({ 'a.yaml': '- { rule: M08, document: x.md, justification: j, approver: a, expires: 2030-01-01 }\n', 'b.yaml': '' });
    expect(loadWaivers(path.join(root, 'a.yaml'), RULE_IDS)[0]!.rule).toBe('M08');
    expect(loadWaivers(path.join(root, 'b.yaml'), RULE_IDS)).toEqual([]);
  });

  const entry = (over: string) =>
    `waivers:\n  - rule: M04\n    document: a.docx\n    justification: Bijlage volgt.\n    approver: J. de Vries\n    expires: 2026-06-30\n  - ${over}\n`;
  const bad: Array<[string, string, string, RegExp]> = [
    ['missing justification', '{ rule: M04, document: b.docx, approver: X, expires: 2026-06-30 }', 'waivers[1].justification', /is required$/],
    ['blank justification', '{ rule: M04, document: b.docx, justification: "  ", approver: X, expires: 2026-06-30 }', 'waivers[1].justification', /must not be empty$/],
    ['missing approver', '{ rule: M04, document: b.docx, justification: J, expires: 2026-06-30 }', 'waivers[1].approver', /is required$/],
    ['missing expires', '{ rule: M04, document: b.docx, justification: J, approver: X }', 'waivers[1].expires', /is required$/],
    ['bad date format', '{ rule: M04, document: b.docx, justification: J, approver: X, expires: 30-06-2026 }', 'waivers[1].expires', /expected a date YYYY-MM-DD$/],
    ['impossible date', '{ rule: M04, document: b.docx, justification: J, approver: X, expires: 2026-02-30 }', 'waivers[1].expires', /not a real calendar date$/],
    ['no document nor sha256', '{ rule: M04, justification: J, approver: X, expires: 2026-06-30 }', 'waivers[1]', /needs "document" \(a path glob\) or "sha256"/],
    ['bad sha256', '{ rule: M04, sha256: abc, justification: J, approver: X, expires: 2026-06-30 }', 'waivers[1].sha256', /64 hex characters/],
    ['unknown rule', '{ rule: M99, document: b.docx, justification: J, approver: X, expires: 2026-06-30 }', 'waivers[1].rule', /unknown rule ID "M99"$/],
    ['near-miss rule', '{ rule: m4, document: b.docx, justification: J, approver: X, expires: 2026-06-30 }', 'waivers[1].rule', /did you mean "M04"/],
    ['pattern matching nothing', '{ rule: "X*", document: b.docx, justification: J, approver: X, expires: 2026-06-30 }', 'waivers[1].rule', /pattern "X\*" matches no rule ID/],
    ['unknown field', '{ rule: M04, document: b.docx, reason: J, justification: J, approver: X, expires: 2026-06-30 }', 'waivers[1].reason', /unknown key$/],
  ];
  it.each(bad)('rejects %s, naming entry and field', (_name, over, key, message) => {
    const root = tree({ 'meldcode-waivers.yaml': entry(over) });
    const err = configError(() => loadWaivers(path.join(root, 'meldcode-waivers.yaml'), RULE_IDS));
    expect(err.key).toBe(key);
    expect(err.problem).toMatch(message);
    expect(err.line).toBe(7);
    expect(err.message).toMatch(new RegExp(`meldcode-waivers\\.yaml:7: ${key.replace(/[[\].]/g, '\\$&')}: `));
  });

  it('rejects an unknown top-level key and a missing file', () => {
    const root = tree({ 'w.yaml': 'waiver:\n  - rule: M04\n' });
    expect(configError(() => loadWaivers(path.join(root, 'w.yaml'), RULE_IDS)).message).toMatch(/w\.yaml:1: waiver: unknown key \(did you mean "waivers"\?\)$/);
    expect(configError(() => loadWaivers(path.join(root, 'none.yaml'), RULE_IDS)).problem).toBe('file not found');
  });
});

describe('applyWaivers', () => {
  const results = (root: string) => [
    doc({ file: path.join(root, 'beleid/locaties/de-waterlinie.docx'), sha256: SHA_A, gaps: { M04: 'missing', M10: 'partial' } }),
    doc({ file: path.join(root, 'dagbesteding/meldcode-oud.pdf'), sha256: SHA_B, gaps: { 'M03.2': 'partial', 'M03.5': 'partial', M04: 'missing' } }),
    doc({ file: path.join(root, 'kinderopvang/meldcode-kinderopvang.md'), sha256: SHA_A, sector: 'kinderopvang', gaps: { 'M05.1': 'missing' } }),
    doc({ file: path.join(root, 'beleid/locaties/compleet.docx'), sha256: 'd4'.repeat(32) }),
  ];

  it('matches by glob relative to the waiver file folder, and by sha256', () => {
    const { root, waivers } = setup();
    // The waiver file is in policy/, so its globs are relative to policy/: move it to the root's view.
    const moved = waivers.map((w) => ({ ...w, file: path.join(root, 'meldcode-waivers.yaml') }));
    const { results: out, unused, expired } = applyWaivers(results(root), moved, { today: TODAY });
    const [a, b, c] = out;
    expect(el(a!, 'M04').suppressed).toEqual({
      kind: 'waiver',
      justification: 'Afwegingskader staat in de aparte bijlage die in Q2 in de meldcode wordt opgenomen.',
      approver: 'J. de Vries (kwaliteit)',
      expires: '2026-06-30',
    });
    expect(el(a!, 'M10').suppressed).toBeUndefined(); // other rule
    expect(el(b!, 'M03.2').suppressed?.kind).toBe('waiver'); // pattern + sha256
    expect(el(b!, 'M03.5').suppressed?.kind).toBe('waiver');
    expect(el(b!, 'M04').suppressed).toBeUndefined(); // glob names another folder
    expect(el(b!, 'M03.1').suppressed).toBeUndefined(); // present: nothing to waive
    expect(el(c!, 'M05.1').suppressed).toEqual({ kind: 'waiver', justification: 'Eindverantwoordelijke wordt na de reorganisatie benoemd.', approver: 'A. Bakker', expires: '2026-01-31', expired: true });
    expect(expired.map((w) => w.index)).toEqual([2]);
    expect(unused.map((w) => w.index)).toEqual([3]);
  });

  it('globs are relative to the waiver file, not to cwd', () => {
    const { root, waivers } = setup(); // file in policy/: beleid/locaties/*.docx means policy/beleid/locaties/*.docx
    const { results: out } = applyWaivers(results(root), waivers, { today: TODAY });
    expect(el(out[0]!, 'M04').suppressed).toBeUndefined();
    const viaBaseDir = applyWaivers(results(root), waivers, { today: TODAY, baseDir: root });
    expect(el(viaBaseDir.results[0]!, 'M04').suppressed?.kind).toBe('waiver');
    const relative = applyWaivers([doc({ file: 'beleid/locaties/x.docx', gaps: { M04: 'missing' } })], waivers, { today: TODAY, baseDir: root, cwd: root });
    expect(el(relative.results[0]!, 'M04').suppressed?.kind).toBe('waiver');
  });

  it('an expired waiver does not suppress: the finding counts again and is flagged', () => {
    const { root, waivers } = setup();
    const docs = [doc({ file: path.join(root, 'kinderopvang/meldcode-kinderopvang.md'), sector: 'kinderopvang', gaps: { 'M05.1': 'missing' } })];
    const before = applyWaivers(docs, waivers, { today: '2026-01-31' }); // last day: still in force
    expect(el(before.results[0]!, 'M05.1').suppressed?.expired).toBeUndefined();
    expect(exitCode(before.results)).toBe(0);
    const after = applyWaivers(docs, waivers, { today: '2026-02-01' });
    expect(el(after.results[0]!, 'M05.1').suppressed?.expired).toBe(true);
    expect(exitCode(after.results)).toBe(1);
    expect(after.expired.map((w) => w.rule)).toContain('M05.1');
  });

  it('a waiver in force wins over an expired one for the same finding', () => {
    const root = tree({
      'w.yaml': `- { rule: M04, document: a.md, justification: oud, approver: X, expires: 2025-01-01 }\n- { rule: "M0*", document: a.md, justification: nieuw, approver: Y, expires: 2027-01-01 }\n`,
    });
    const waivers = loadWaivers(path.join(root, 'w.yaml'), RULE_IDS);
    const { results: out, unused } = applyWaivers([doc({ file: path.join(root, 'a.md'), gaps: { M04: 'missing' } })], waivers, { today: TODAY });
    expect(el(out[0]!, 'M04').suppressed).toMatchObject({ justification: 'nieuw', approver: 'Y' });
    expect(unused).toEqual([]);
  });

  it('does not change its input, and leaves error and not-a-meldcode documents alone', () => {
    const { root, waivers } = setup();
    const input = [doc({ file: path.join(root, 'policy/beleid/locaties/a.docx'), gaps: { M04: 'missing' } }), doc({ file: path.join(root, 'policy/beleid/locaties/b.docx'), verdict: 'not-a-meldcode', gaps: { M04: 'missing' } })];
    const snapshot = JSON.stringify(input);
    const { results: out } = applyWaivers(input, waivers, { today: TODAY });
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(el(out[0]!, 'M04').suppressed?.kind).toBe('waiver');
    expect(el(out[1]!, 'M04').suppressed).toBeUndefined();
  });
});

describe('findWaiversFile', () => {
  it('explicit, then configured, then beside the config, then cwd', () => {
    const root = tree({ 'cfg/meldcode-waivers.yml': '', 'meldcode-waivers.yaml': '', 'work/': '' });
    expect(findWaiversFile({ cwd: root, explicitPath: 'x.yaml' })).toBe(path.join(root, 'x.yaml'));
    expect(findWaiversFile({ cwd: root, configured: 'w.yaml', configDir: path.join(root, 'cfg') })).toBe(path.join(root, 'cfg/w.yaml'));
    expect(findWaiversFile({ cwd: root, configDir: path.join(root, 'cfg') })).toBe(path.join(root, 'cfg/meldcode-waivers.yml'));
    expect(findWaiversFile({ cwd: root })).toBe(path.join(root, 'meldcode-waivers.yaml'));
    expect(findWaiversFile({ cwd: path.join(root, 'work') })).toBeUndefined();
  });
});

describe('checkWaiversFile', () => {
  it('lists every problem: expired, expiring soon, unknown rule, missing fields, duplicates', () => {
    const root = tree({});
    const file = path.join(root, 'meldcode-waivers.yaml');
    writeFileSync(
      file,
      `waivers:
  - rule: M04
    document: a.docx
    justification: Bijlage volgt.
    approver: J. de Vries
    expires: 2026-03-01
  - rule: M06
    document: a.docx
    justification: Wordt herschreven.
    approver: J. de Vries
    expires: 2026-04-10
  - rule: M99
    document: a.docx
    approver: J. de Vries
    expires: 2026-12-31
  - rule: M06
    document: a.docx
    justification: Dubbel ingevoerd.
    approver: A. Bakker
    expires: 2026-12-31
  - rule: "*"
    sha256: ${SHA_A}
    justification: Alles.
    approver: A. Bakker
    expires: 2026-12-31
  - rule: S01
    document: a.docx
    justification: Ruim op tijd.
    approver: A. Bakker
    expires: 2026-12-31
`,
    );
    const problems = checkWaiversFile(file, RULE_IDS, TODAY);
    const short = problems.map((p) => [p.level, p.code, p.key, p.line]);
    expect(short).toEqual([
      ['error', 'expired', 'waivers[0].expires', 6],
      ['warning', 'expiring', 'waivers[1].expires', 11],
      ['error', 'unknown-rule', 'waivers[2].rule', 12],
      ['error', 'invalid', 'waivers[2].justification', 12],
      ['warning', 'duplicate', 'waivers[3]', 16],
      ['warning', 'broad', 'waivers[4].rule', 21],
    ]);
    expect(problems[0]!.message).toBe('meldcode-waivers.yaml:6: waivers[0].expires: waiver for M04 expired on 2026-03-01; the finding counts again'.replace('meldcode-waivers.yaml', displayPath(file)));
    expect(problems[1]!.problem).toBe('waiver for M06 expires on 2026-04-10 (in 26 days)');
    expect(problems[2]!.problem).toBe('unknown rule ID "M99"');
    expect(problems[3]!.problem).toBe('is required');
    expect(problems[4]!.problem).toBe('duplicate of waivers[1] (same rule and document)');
  });

  it('an unreadable file is one error; a clean file no problems', () => {
    const root = tree({ 'ok.yaml': '- { rule: M04, document: a.md, justification: J, approver: X, expires: 2027-01-01 }\n', 'bad.yaml': 'waivers: [\n' });
    expect(checkWaiversFile(path.join(root, 'ok.yaml'), RULE_IDS, TODAY)).toEqual([]);
    expect(checkWaiversFile(path.join(root, 'missing.yaml'), RULE_IDS, TODAY).map((p) => [p.code, p.problem])).toEqual([['unreadable', 'file not found']]);
    expect(checkWaiversFile(path.join(root, 'bad.yaml'), RULE_IDS, TODAY)[0]!.problem).toMatch(/^not valid YAML/);
  });
});
