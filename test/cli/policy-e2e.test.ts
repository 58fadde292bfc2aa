/**
 * End-to-end for CI use: `node bin/meldcode.js` on small Markdown meldcodes in a temp folder, with
 * thresholds, waivers and a baseline, in the formats CI reads (stylish, json, sarif, junit).
 *
 * The documents (severities from `meldcode rules`):
 *   linde.md  compliant; M10 missing (warning) plus good-practice gaps (info); wilg.md the same
 *   eik.md    non-compliant: M04 missing (error), plus the gaps of linde.md
 *   beuk.md   compliant; good-practice gaps (info) only
 *   nieuws.md not a meldcode
 * Baselines, written with --write-baseline before a new gap appeared:
 *   bl-error/doc.md    baseline written on linde's text, then the text became eik's (new: M04, error)
 *   bl-warning/doc.md  baseline written on beuk's text, then the text became linde's (new: M10, warning)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { policySchemaFiles } from '../../src/policy/schemas.js';
import { meldcode } from './meldcodes.js';
import { ensureBuilt, ROOT, run, runAsync, type RunResult } from './spawn.js';

const LINDE = meldcode('De Linde', { afwegingskader: true, kennis: false });
const WILG = meldcode('De Wilg', { afwegingskader: true, kennis: false });
const EIK = meldcode('De Eik', { afwegingskader: false, kennis: false });
const BEUK = meldcode('De Beuk', { afwegingskader: true, kennis: true });
const NIEUWS = `# Nieuws: onze school heeft een nieuwe meldcode

Basisschool De Klimop heeft dit voorjaar haar meldcode vernieuwd. Lees de volledige meldcode op onze website
via www.klimop.example/meldcode.pdf. Heeft u vragen, neem dan contact op met de intern begeleider.
`;

const waivers = (expires: string) => `# Uitzonderingen, beoordeeld door de aandachtsfunctionaris
waivers:
  - rule: M04
    document: "**/*.md"
    justification: Afwegingskader wordt in het tweede kwartaal opgenomen
    approver: J. de Vries
    expires: ${expires}
  - rule: M10
    document: "**/*.md"
    justification: Scholingsplan volgt na de reorganisatie
    approver: J. de Vries
    expires: ${expires}
`;

let dir: string;
const written: Record<string, RunResult> = {};

// Each test spawns the CLI, some several times; with the whole suite running in parallel that takes a while.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => {
  ensureBuilt();
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'meldcode-policy-e2e-')));
  mkdirSync(path.join(dir, '.git')); // no config search above this folder
  mkdirSync(path.join(dir, 'beleid'));
  writeFileSync(path.join(dir, 'beleid', 'linde.md'), LINDE);
  writeFileSync(path.join(dir, 'beleid', 'wilg.md'), WILG);
  writeFileSync(path.join(dir, 'beleid', 'eik.md'), EIK);
  writeFileSync(path.join(dir, 'beleid', 'beuk.md'), BEUK);
  writeFileSync(path.join(dir, 'beleid', 'nieuws.md'), NIEUWS);
  writeFileSync(path.join(dir, 'waivers-valid.yaml'), waivers('2999-12-31'));
  writeFileSync(path.join(dir, 'waivers-expired.yaml'), waivers('2000-01-01'));
  // Baselines written before a new gap appeared (the writing itself is checked below).
  for (const [folder, before, after] of [
    ['bl-error', LINDE, EIK],
    ['bl-warning', BEUK, LINDE],
  ] as const) {
    mkdirSync(path.join(dir, folder));
    writeFileSync(path.join(dir, folder, 'doc.md'), before);
    written[folder] = run(['check', `${folder}/doc.md`, '--write-baseline', `${folder}/baseline.json`, '--format', 'json'], {}, dir);
    writeFileSync(path.join(dir, folder, 'doc.md'), after);
  }
}, 200_000);

type Format = 'stylish' | 'json' | 'sarif' | 'junit';
interface Row {
  name: string;
  inputs: string[];
  format: Format;
  args?: string[];
  code: 0 | 1 | 2;
  /** One property of the output (stdout, or stderr for notes). */
  check: (r: RunResult) => void;
}

interface JsonElement {
  id: string;
  status: string;
  severity: string;
  suppressed: null | { kind: string; active: boolean; expired?: boolean };
}
interface JsonReport {
  documents: Array<{ file: string; verdict: string; elements: JsonElement[] }>;
  baseline?: { file: string; new: number; matched: number; stale: Array<{ file: string; rule: string }> };
}
interface SarifResult {
  ruleId: string;
  level: string;
  suppressions?: Array<{ kind: string; status: string; properties?: { source?: string } }>;
}

const json = (r: RunResult) => JSON.parse(r.stdout) as JsonReport;
const element = (r: RunResult, file: string, id: string) => json(r).documents.find((d) => d.file.endsWith(file))!.elements.find((e) => e.id === id)!;
const sarif = (r: RunResult) => (JSON.parse(r.stdout) as { runs: Array<{ results: SarifResult[] }> }).runs[0]!.results;
const open = (results: SarifResult[]) => results.filter((x) => !x.suppressions?.length);
const testcase = (xml: string, id: string) => new RegExp(`<testcase classname="${id.replace('.', '\\.')}"[^>]*>\\s*<([a-z]+)`).exec(xml)?.[1];

const V = ['--waivers', 'waivers-valid.yaml'];
const X = ['--waivers', 'waivers-expired.yaml'];

const rows: Row[] = [
  // ── No waivers, no baseline: thresholds ─────────────────────────────────────────
  { name: 'compliant, M10 warning, default failOn error', inputs: ['beleid/linde.md'], format: 'stylish', code: 0, check: (r) => expect(r.stdout).toMatch(/Oordeel\s+✔ voldoet aan artikel 2/) },
  { name: 'non-compliant (M04 error), default', inputs: ['beleid/eik.md'], format: 'stylish', code: 1, check: (r) => expect(r.stdout).toMatch(/✖ M04\s+Afwegingskader/) },
  { name: 'compliant, --fail-on warning fails on M10', inputs: ['beleid/linde.md'], format: 'json', args: ['--fail-on', 'warning'], code: 1, check: (r) => expect(element(r, 'linde.md', 'M10')).toMatchObject({ status: 'missing', severity: 'warning', suppressed: null }) },
  { name: 'compliant, --fail-on info fails on good practice', inputs: ['beleid/linde.md'], format: 'json', args: ['--fail-on', 'info'], code: 1, check: (r) => expect(element(r, 'linde.md', 'S02').severity).toBe('info') },
  { name: 'info gaps only, --fail-on warning', inputs: ['beleid/beuk.md'], format: 'json', args: ['--fail-on', 'warning'], code: 0, check: (r) => expect(json(r).documents[0]!.verdict).toBe('compliant') },
  { name: 'info gaps only, --fail-on info', inputs: ['beleid/beuk.md'], format: 'junit', args: ['--fail-on', 'info'], code: 1, check: (r) => expect(testcase(r.stdout, 'S02')).toBe('failure') },
  { name: '1 warning, --max-warnings 0', inputs: ['beleid/linde.md'], format: 'sarif', args: ['--max-warnings', '0'], code: 1, check: (r) => expect(sarif(r).find((x) => x.ruleId === 'M10')?.level).toBe('warning') },
  { name: '1 warning, --max-warnings 1', inputs: ['beleid/linde.md'], format: 'sarif', args: ['--max-warnings', '1'], code: 0, check: (r) => expect(open(sarif(r)).filter((x) => x.level === 'error')).toEqual([]) },
  { name: '2 warnings over 2 documents, --max-warnings 1', inputs: ['beleid/linde.md', 'beleid/wilg.md'], format: 'stylish', args: ['--max-warnings', '1'], code: 1, check: (r) => expect(r.stderr).toBe('meldcode: 2 waarschuwingen, meer dan het maximum van 1 (--max-warnings)\n') },
  { name: '2 warnings over 2 documents, --max-warnings 2', inputs: ['beleid/linde.md', 'beleid/wilg.md'], format: 'stylish', args: ['--max-warnings', '2'], code: 0, check: (r) => expect(r.stderr).toBe('') },
  { name: 'non-compliant, --exit-zero', inputs: ['beleid/eik.md'], format: 'junit', args: ['--exit-zero'], code: 0, check: (r) => expect(testcase(r.stdout, 'M04')).toBe('failure') },
  { name: '--fail-on warning --exit-zero', inputs: ['beleid/linde.md'], format: 'sarif', args: ['--fail-on', 'warning', '--exit-zero'], code: 0, check: (r) => expect(sarif(r).some((x) => x.ruleId === 'M10')).toBe(true) },
  { name: 'not a meldcode, --fail-on error', inputs: ['beleid/nieuws.md'], format: 'json', code: 1, check: (r) => expect(json(r).documents[0]!.verdict).toBe('not-a-meldcode') },
  { name: 'unreadable input wins over --exit-zero', inputs: ['beleid/linde.md', 'beleid/weg.docx'], format: 'json', args: ['--exit-zero'], code: 2, check: (r) => expect(json(r).documents.map((d) => d.verdict).sort()).toEqual(['compliant', 'error']) },

  // ── Valid waivers ───────────────────────────────────────────────────────────────
  { name: 'M04 waived', inputs: ['beleid/eik.md'], format: 'stylish', args: V, code: 0, check: (r) => expect(r.stdout).toContain('uitgezonderd (uitzondering)') },
  { name: 'M04 and M10 waived, --fail-on warning', inputs: ['beleid/eik.md'], format: 'json', args: [...V, '--fail-on', 'warning'], code: 0, check: (r) => expect(element(r, 'eik.md', 'M04').suppressed).toMatchObject({ kind: 'waiver', active: true }) },
  { name: 'waived, SARIF suppression', inputs: ['beleid/eik.md'], format: 'sarif', args: V, code: 0, check: (r) => expect(sarif(r).find((x) => x.ruleId === 'M04')?.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted', properties: { source: 'waiver' } })]) },
  { name: 'waived, JUnit skipped', inputs: ['beleid/eik.md'], format: 'junit', args: V, code: 0, check: (r) => expect(testcase(r.stdout, 'M04')).toBe('skipped') },
  { name: 'waived warning, --max-warnings 0', inputs: ['beleid/linde.md'], format: 'json', args: [...V, '--max-warnings', '0'], code: 0, check: (r) => expect(element(r, 'linde.md', 'M10').suppressed?.active).toBe(true) },
  { name: 'waived, but --fail-on info still sees good practice', inputs: ['beleid/eik.md'], format: 'junit', args: [...V, '--fail-on', 'info'], code: 1, check: (r) => expect(testcase(r.stdout, 'S02')).toBe('failure') },
  { name: 'a waiver does not cover not-a-meldcode', inputs: ['beleid/nieuws.md'], format: 'stylish', args: V, code: 1, check: (r) => expect(r.stdout).toContain('geen meldcode') },

  // ── Expired waivers: the finding counts again and is flagged ────────────────────
  { name: 'expired waiver: M04 counts again', inputs: ['beleid/eik.md'], format: 'stylish', args: X, code: 1, check: (r) => expect(r.stderr).toContain('waivers-expired.yaml waivers[0]: uitzondering voor M04 is verlopen op 2000-01-01; het tekort telt weer mee') },
  { name: 'expired waiver in the stylish report', inputs: ['beleid/eik.md'], format: 'stylish', args: X, code: 1, check: (r) => expect(r.stdout).toContain('uitzondering verlopen op 2000-01-01: telt weer mee') },
  { name: 'expired waiver in JSON', inputs: ['beleid/eik.md'], format: 'json', args: X, code: 1, check: (r) => expect(element(r, 'eik.md', 'M04').suppressed).toMatchObject({ kind: 'waiver', expired: true, active: false }) },
  { name: 'expired waiver: no SARIF suppression', inputs: ['beleid/eik.md'], format: 'sarif', args: X, code: 1, check: (r) => expect(open(sarif(r)).map((x) => x.ruleId)).toContain('M04') },
  { name: 'expired waiver, --fail-on warning', inputs: ['beleid/linde.md'], format: 'junit', args: [...X, '--fail-on', 'warning'], code: 1, check: (r) => expect(testcase(r.stdout, 'M10')).toBe('failure') },
  { name: 'expired waiver, --max-warnings 0', inputs: ['beleid/linde.md'], format: 'json', args: [...X, '--max-warnings', '0'], code: 1, check: (r) => expect(r.stderr).toContain('1 waarschuwing, meer dan het maximum van 0') },
  { name: 'expired waiver, --exit-zero', inputs: ['beleid/eik.md'], format: 'json', args: [...X, '--exit-zero'], code: 0, check: (r) => expect(r.stderr).toContain('is verlopen op 2000-01-01') },
  { name: 'expired waiver, --lang en', inputs: ['beleid/eik.md'], format: 'stylish', args: [...X, '--lang', 'en'], code: 1, check: (r) => expect(r.stderr).toContain('waiver for M04 expired on 2000-01-01; the finding counts again') },

  // ── Baseline written before a new gap ───────────────────────────────────────────
  { name: 'baseline, new error gap', inputs: ['bl-error/doc.md'], format: 'json', args: ['--baseline', 'bl-error/baseline.json'], code: 1, check: (r) => expect(json(r).baseline).toMatchObject({ new: 1, stale: [] }) },
  { name: 'baseline, new error gap in SARIF', inputs: ['bl-error/doc.md'], format: 'sarif', args: ['--baseline', 'bl-error/baseline.json'], code: 1, check: (r) => expect(open(sarif(r)).map((x) => x.ruleId)).toEqual(['M04']) },
  { name: 'baseline, new error gap, --exit-zero', inputs: ['bl-error/doc.md'], format: 'stylish', args: ['--baseline', 'bl-error/baseline.json', '--exit-zero'], code: 0, check: (r) => expect(r.stderr).toContain('basislijn bl-error/baseline.json: 6 bekende tekorten, 1 nieuwe') },
  { name: 'baseline, new error gap waived', inputs: ['bl-error/doc.md'], format: 'json', args: ['--baseline', 'bl-error/baseline.json', ...V], code: 0, check: (r) => expect(json(r).baseline?.new).toBe(0) },
  { name: 'baseline, new warning gap, default failOn', inputs: ['bl-warning/doc.md'], format: 'stylish', args: ['--baseline', 'bl-warning/baseline.json'], code: 0, check: (r) => expect(r.stderr).toContain('5 bekende tekorten, 1 nieuwe') },
  { name: 'baseline, new warning gap, --fail-on warning', inputs: ['bl-warning/doc.md'], format: 'junit', args: ['--baseline', 'bl-warning/baseline.json', '--fail-on', 'warning'], code: 1, check: (r) => expect([testcase(r.stdout, 'M10'), testcase(r.stdout, 'S02')]).toEqual(['failure', 'skipped']) },
  { name: 'baseline, new warning gap, --max-warnings 0', inputs: ['bl-warning/doc.md'], format: 'json', args: ['--baseline', 'bl-warning/baseline.json', '--max-warnings', '0'], code: 1, check: (r) => expect(element(r, 'doc.md', 'S02').suppressed).toMatchObject({ kind: 'baseline', active: true }) },
  { name: 'baseline, good practice absorbed, --fail-on info', inputs: ['bl-warning/doc.md'], format: 'sarif', args: ['--baseline', 'bl-warning/baseline.json', '--fail-on', 'info'], code: 1, check: (r) => expect(open(sarif(r)).map((x) => x.ruleId)).toEqual(['M10']) },
  { name: 'a baseline does not cover not-a-meldcode; all its entries are stale', inputs: ['beleid/nieuws.md'], format: 'json', args: ['--baseline', 'bl-error/baseline.json'], code: 1, check: (r) => expect(json(r).baseline?.stale.map((s) => s.rule)).toContain('M10') },
];

describe('exit-code matrix (formats × thresholds × waivers × baseline)', () => {
  it('has at least 20 rows covering every format, threshold, waiver state and baseline state', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const f of ['stylish', 'json', 'sarif', 'junit']) expect(rows.some((r) => r.format === f), f).toBe(true);
    for (const flag of ['--fail-on', '--max-warnings', '--exit-zero', '--baseline']) expect(rows.some((r) => r.args?.includes(flag)), flag).toBe(true);
    expect(rows.some((r) => r.args?.includes('waivers-valid.yaml'))).toBe(true);
    expect(rows.some((r) => r.args?.includes('waivers-expired.yaml'))).toBe(true);
  });

  it.concurrent.each(rows)('$name ($format) → $code', async (row) => {
    const r = await runAsync(['check', ...row.inputs, '--format', row.format, ...(row.args ?? [])], {}, dir);
    expect(r.code, r.stderr).toBe(row.code);
    row.check(r);
  });
});

describe('--write-baseline', () => {
  it('wrote the baselines in beforeAll with exit 0 and one entry per open gap', () => {
    expect(written['bl-error']!.code).toBe(0);
    expect(written['bl-error']!.stderr).toBe('meldcode: basislijn met 6 tekorten geschreven naar bl-error/baseline.json\n');
    const b = JSON.parse(readFileSync(path.join(dir, 'bl-error', 'baseline.json'), 'utf8'));
    expect(b.entries.map((e: { file: string; rule: string }) => `${e.file} ${e.rule}`)).toEqual(['doc.md M10', 'doc.md S02', 'doc.md S03', 'doc.md S06', 'doc.md S07', 'doc.md S08']);
    const schema = JSON.parse(policySchemaFiles()['meldcode-baseline.schema.json']!);
    expect(schema.title).toBe('meldcode-check baseline');
  });

  it('exits 0 for a non-compliant meldcode and for not-a-meldcode, 2 for an unreadable input', () => {
    const ok = run(['check', 'beleid/eik.md', 'beleid/nieuws.md', '--write-baseline', 'b1.json', '--quiet'], {}, dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'b1.json'), 'utf8')).entries.filter((e: { rule: string }) => e.rule === 'M04')).toHaveLength(1);
    const bad = run(['check', 'beleid/eik.md', 'beleid/weg.pdf', '--write-baseline', 'b2.json', '--quiet'], {}, dir);
    expect(bad.code).toBe(2);
    // The baseline of the documents that could be read is written anyway.
    expect(existsSync(path.join(dir, 'b2.json'))).toBe(true);
  });

  it('a written baseline absorbs every gap of the same documents; stale entries go to stderr and JSON', () => {
    run(['check', 'beleid/eik.md', 'beleid/linde.md', '--write-baseline', 'b3.json', '--quiet'], {}, dir);
    const same = run(['check', 'beleid/eik.md', 'beleid/linde.md', '--baseline', 'b3.json', '--fail-on', 'info', '--max-warnings', '0', '--format', 'json'], {}, dir);
    expect(same.code).toBe(0);
    expect(json(same).baseline).toMatchObject({ file: 'b3.json', new: 0, stale: [] });
    const fewer = run(['check', 'beleid/linde.md', '--baseline', 'b3.json', '--format', 'json'], {}, dir);
    expect(fewer.code).toBe(0);
    expect(json(fewer).baseline!.stale.map((s) => `${s.file} ${s.rule}`)).toContain('beleid/eik.md M04');
    expect(fewer.stderr).toContain('basislijn b3.json: 7 verouderde regels (tekort opgelost of document weg); werk bij met --write-baseline b3.json\n  verouderd: beleid/eik.md M04 (ontbreekt)\n');
  });

  it('JSON with a baseline block validates against schemas/report.schema.json', () => {
    const r = run(['check', 'bl-error/doc.md', '--baseline', 'bl-error/baseline.json', '--format', 'json'], {}, dir);
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'report.schema.json'), 'utf8')));
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['schemaVersion', 'tool', 'lang', 'ruleset', 'documents', 'skipped', 'unmatched', 'baseline', 'summary']);
  });
});

describe('config file', () => {
  it('is found upward from the working folder; options override it; errors name file and key', () => {
    const root = path.join(dir, 'cfg');
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'linde.md'), LINDE);
    writeFileSync(path.join(root, 'meldcode.config.yaml'), 'failOn: warning\nformat: json\nlang: en\n');
    const sub = path.join(root, 'sub');
    const r = run(['check', '../linde.md'], {}, sub);
    expect(r.code).toBe(1); // failOn warning from the config, M10 is a warning
    expect(JSON.parse(r.stdout).lang).toBe('en');
    expect(run(['check', '../linde.md', '--fail-on', 'error'], {}, sub).code).toBe(0);
    expect(run(['check', '../linde.md', '--format', 'stylish', '--lang', 'nl'], {}, sub).stdout).toContain('voldoet aan artikel 2');

    writeFileSync(path.join(root, 'meldcode.config.yaml'), 'failOn: warning\nrules:\n  M10: info\n');
    expect(run(['check', 'linde.md'], {}, root).code).toBe(0); // M10 lowered to info

    writeFileSync(path.join(root, 'meldcode.config.yaml'), 'rules:\n  M4: off\n');
    const bad = run(['check', 'linde.md'], {}, root);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'meldcode: meldcode.config.yaml:2: rules.M4: onbekend onderdeel-ID (bedoelde u "M04"?)\n' });
    const badEn = run(['check', 'linde.md', '--lang', 'en'], {}, root);
    expect(badEn.stderr).toBe('meldcode: meldcode.config.yaml:2: rules.M4: unknown rule ID (did you mean "M04"?)\n');
    expect(run(['check', 'linde.md', '--config', 'geen.json'], {}, root).stderr).toBe('meldcode: geen.json: bestand niet gevonden\n');
  });
});

describe('meldcode waivers check and meldcode schema', () => {
  it('waivers check: 0 for a valid file, 1 for an expired one, 2 when none is found (nl and en)', () => {
    const ok = run(['waivers', 'check', 'waivers-valid.yaml'], {}, dir);
    expect(ok).toEqual({ code: 0, stdout: 'waivers-valid.yaml: geen problemen\n', stderr: '' });
    const x = run(['waivers', 'check', 'waivers-expired.yaml', '--lang', 'en'], {}, dir);
    expect(x.code).toBe(1);
    expect(x.stdout.split('\n')[0]).toBe('waivers-expired.yaml:7: error: waivers[0].expires: waiver for M04 expired on 2000-01-01; the finding counts again');
    const none = run(['waivers', 'check'], {}, path.join(dir, 'beleid'));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^meldcode: geen uitzonderingenbestand gevonden/);
  });

  it('schema prints the committed schemas', () => {
    for (const [name, file] of [
      ['config', 'meldcode.config.schema.json'],
      ['waivers', 'meldcode-waivers.schema.json'],
      ['baseline', 'meldcode-baseline.schema.json'],
      ['report', 'report.schema.json'],
    ]) {
      const r = run(['schema', name!]);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toBe(readFileSync(path.join(ROOT, 'schemas', file!), 'utf8'));
    }
    expect(run(['schema', 'rapport']).stderr).toBe("meldcode: onbekend schema 'rapport': kies uit config, waivers, baseline, report\n");
  });
});
