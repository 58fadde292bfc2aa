/** The policy wiring in-process (main() with a temp working folder): config, ignore, rules, waivers, baseline, schema. */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { meldcode } from './meldcodes.js';

const SCHEMAS = new URL('../../schemas/', import.meta.url);
const LINDE = meldcode('De Linde', { afwegingskader: true, kennis: false }); // compliant, M10 missing (warning)
const EIK = meldcode('De Eik', { afwegingskader: false, kennis: true }); // non-compliant, M04 missing (error)

function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'meldcode-cli-policy-')));
  mkdirSync(path.join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    cwd,
    now: () => new Date('2026-03-15T10:00:00'),
  });
  return { code, stdout, stderr };
}

const waiver = (rule: string, expires: string, document = '**/*.md') => `  - rule: ${rule}\n    document: "${document}"\n    justification: Volgt in het tweede kwartaal\n    approver: J. de Vries\n    expires: ${expires}\n`;

describe('config in the check command', () => {
  it('lang from the config applies unless --lang or MELDCODE_LANG chose one', async () => {
    const root = project({ 'linde.md': LINDE, 'meldcode.config.yaml': 'lang: en\nformat: json\n' });
    expect(JSON.parse((await run(['check', 'linde.md'], root)).stdout).lang).toBe('en');
    expect(JSON.parse((await run(['check', 'linde.md', '--lang', 'nl'], root)).stdout).lang).toBe('nl');
    expect(JSON.parse((await run(['check', 'linde.md'], root, { MELDCODE_LANG: 'nl' })).stdout).lang).toBe('nl');
  });

  it('rules: a severity override reaches the engine and the SARIF rules; off switches a rule off', async () => {
    const root = project({ 'linde.md': LINDE, 'eik.md': EIK, 'meldcode.config.yaml': 'rules:\n  M10: error\n  M04: "off"\n' });
    const r = await run(['check', 'linde.md', '--format', 'sarif'], root);
    expect(r.code).toBe(1); // M10 is an error now
    const sarif = JSON.parse(r.stdout).runs[0];
    expect(sarif.results.find((x: { ruleId: string }) => x.ruleId === 'M10').level).toBe('error');
    expect(sarif.tool.driver.rules.find((x: { id: string }) => x.id === 'M10').defaultConfiguration.level).toBe('error');
    const eik = JSON.parse((await run(['check', 'eik.md', '--format', 'json'], root)).stdout).documents[0];
    expect(eik.verdict).toBe('compliant');
    expect(eik.elements.find((e: { id: string }) => e.id === 'M04')).toMatchObject({ status: 'not-applicable', applies: false });
  });

  it('a verdict element lowered to warning: still non-compliant, but exit 0 at failOn error', async () => {
    const root = project({ 'eik.md': EIK, 'meldcode.config.json': '{ "rules": { "M04": "warning" } }' });
    const r = await run(['check', 'eik.md', '--format', 'json'], root);
    expect(JSON.parse(r.stdout).documents[0].verdict).toBe('non-compliant');
    expect(r.code).toBe(0);
    expect((await run(['check', 'eik.md', '--fail-on', 'warning', '--format', 'json'], root)).code).toBe(1);
  });

  it('format from the config (aliases too), --format overrides it', async () => {
    const root = project({ 'linde.md': LINDE, 'meldcode.config.yaml': 'format: md\n' });
    expect((await run(['check', 'linde.md'], root)).stdout).toMatch(/^# /);
    expect((await run(['check', 'linde.md', '-f', 'json'], root)).stdout).toMatch(/^\{/);
  });

  it('maxWarnings and failOn from the config, overridden by the flags', async () => {
    const root = project({ 'linde.md': LINDE, 'meldcode.config.yaml': 'maxWarnings: 0\n' });
    const r = await run(['check', 'linde.md', '-q'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('meldcode: 1 waarschuwing, meer dan het maximum van 0 (--max-warnings); --quiet verbergt de waarschuwingen; zonder --quiet ziet u welke\n');
    expect((await run(['check', 'linde.md', '-q', '--max-warnings', '3'], root)).code).toBe(0);
  });

  it('ignore: matching documents are skipped (reason "ignored"); only ignored documents → 0 with a note', async () => {
    const root = project({ 'beleid/linde.md': LINDE, 'beleid/archief/eik.md': EIK, 'meldcode.config.yaml': 'ignore: [archief]\n' });
    const r = await run(['check', 'beleid', '--format', 'json'], root);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.documents.map((d: { file: string }) => d.file)).toEqual(['beleid/linde.md']);
    expect(out.skipped).toContainEqual({ path: 'beleid/archief/eik.md', reason: 'ignored' });
    const only = await run(['check', 'beleid/archief/eik.md', '-q'], root);
    expect(only.code).toBe(0);
    expect(only.stderr).toBe('meldcode: alle gevonden documenten vallen onder ignore in meldcode.config.yaml; niets gecontroleerd\n');
  });

  it('config problems: one line with file, line and key, exit 2, before any document is read', async () => {
    const root = project({ 'linde.md': LINDE, 'meldcode.config.yaml': 'sector: wmo\nrules:\n  M04: err\n' });
    expect(await run(['check', 'linde.md'], root)).toEqual({ code: 2, stdout: '', stderr: 'meldcode: meldcode.config.yaml:3: rules.M04: verwacht "off" | "error" | "warning" | "info", niet "err"\n' });
    expect((await run(['check', 'linde.md', '--lang', 'en'], root)).stderr).toBe('meldcode: meldcode.config.yaml:3: rules.M04: expected "off" | "error" | "warning" | "info", got "err"\n');
    writeFileSync(path.join(root, 'meldcode.config.yaml'), 'waivers: uitzonderingen.yaml\n');
    expect((await run(['check', 'linde.md'], root)).stderr).toBe('meldcode: uitzonderingen.yaml: bestand niet gevonden\n');
    writeFileSync(path.join(root, 'meldcode.config.yaml'), 'baseline: basis.json\n');
    expect((await run(['check', 'linde.md'], root)).stderr).toBe('meldcode: basis.json: bestand niet gevonden\n');
  });
});

describe('waivers and baseline in the check command', () => {
  it('the waiver file beside the config is found; a malformed one stops the run (exit 2, file:line: key)', async () => {
    const root = project({ 'beleid/eik.md': EIK, 'meldcode.config.yaml': 'failOn: error\n', 'meldcode-waivers.yaml': `waivers:\n${waiver('M04', '2026-12-31')}` });
    const r = await run(['check', 'beleid/eik.md', '--format', 'json'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents[0].elements.find((e: { id: string }) => e.id === 'M04').suppressed).toMatchObject({ kind: 'waiver', active: true });
    writeFileSync(path.join(root, 'meldcode-waivers.yaml'), `waivers:\n${waiver('M04', '2026-13-01')}`);
    expect((await run(['check', 'beleid/eik.md'], root)).stderr).toBe('meldcode: meldcode-waivers.yaml:6: waivers[0].expires: geen bestaande datum\n');
  });

  it('notes: expired waivers always, waivers that cover nothing unless --quiet', async () => {
    const root = project({ 'eik.md': EIK, 'w.yaml': `${waiver('M04', '2026-03-14')}${waiver('M08', '2026-12-31')}${waiver('M09', '2020-01-01')}` });
    const r = await run(['check', 'eik.md', '--waivers', 'w.yaml', '--format', 'json'], root);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'meldcode: w.yaml waivers[0]: uitzondering voor M04 is verlopen op 2026-03-14; het tekort telt weer mee',
      'meldcode: w.yaml waivers[2]: uitzondering voor M09 is verlopen op 2020-01-01 en dekt geen tekort meer; verwijder haar',
      'meldcode: w.yaml waivers[1]: uitzondering voor M08 dekt geen tekort (opgelost, ander document of tikfout in het patroon); verwijder of corrigeer haar',
      '',
    ]);
    const quiet = await run(['check', 'eik.md', '--waivers', 'w.yaml', '-q'], root);
    expect(quiet.stderr).toBe('meldcode: w.yaml waivers[0]: uitzondering voor M04 is verlopen op 2026-03-14; het tekort telt weer mee\n');
    const en = await run(['check', 'eik.md', '--waivers', 'w.yaml', '-q', '--lang', 'en'], root);
    expect(en.stderr).toBe('meldcode: w.yaml waivers[0]: waiver for M04 expired on 2026-03-14; the finding counts again\n');
  });

  it('--write-baseline refuses an input file and a missing folder; --baseline from the config', async () => {
    const root = project({ 'eik.md': EIK });
    expect((await run(['check', 'eik.md', '--write-baseline', 'eik.md'], root)).stderr).toBe('meldcode: weigering: eik.md is een invoerbestand en wordt niet overschreven\n');
    expect((await run(['check', 'eik.md', '--write-baseline', 'geen/b.json'], root)).code).toBe(2);
    const w = await run(['check', 'eik.md', '--write-baseline', 'b.json', '-q'], root);
    expect(w).toMatchObject({ code: 0, stderr: '' });
    const b = JSON.parse(readFileSync(path.join(root, 'b.json'), 'utf8'));
    expect(b).toMatchObject({ version: 1, createdAt: new Date('2026-03-15T10:00:00').toISOString() });
    writeFileSync(path.join(root, 'meldcode.config.yaml'), 'baseline: b.json\nfailOn: info\n');
    const r = await run(['check', 'eik.md', '--format', 'json'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).baseline).toEqual({ file: 'b.json', new: 0, matched: b.entries.length, stale: [] });
    expect(r.stderr).toBe(`meldcode: basislijn b.json: ${b.entries.length} bekende tekorten, 0 nieuwe\n`);
    // --write-baseline does not apply the old baseline: it writes every open gap again.
    const again = await run(['check', 'eik.md', '--write-baseline', 'b2.json', '--format', 'json'], root);
    expect(JSON.parse(again.stdout).baseline).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(root, 'b2.json'), 'utf8')).entries).toEqual(b.entries);
  });
});

describe('waivers check and schema commands', () => {
  it('waivers check finds the file named in the config and lists every problem (exit 1)', async () => {
    const root = project({ 'meldcode.config.yaml': 'waivers: beleid/uitzonderingen.yaml\n', 'beleid/uitzonderingen.yaml': `${waiver('m4', '2026-12-31')}${waiver('M04', '2026-03-20')}${waiver('M04', '2026-03-20')}` });
    const r = await run(['waivers', 'check'], path.join(root));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'beleid/uitzonderingen.yaml:1: fout: waivers[0].rule: onbekend onderdeel-ID "m4" (bedoelde u "M04"?)',
        'beleid/uitzonderingen.yaml:10: waarschuwing: waivers[1].expires: uitzondering voor M04 verloopt op 2026-03-20 (over 5 dag(en))',
        'beleid/uitzonderingen.yaml:15: waarschuwing: waivers[2].expires: uitzondering voor M04 verloopt op 2026-03-20 (over 5 dag(en))',
        'beleid/uitzonderingen.yaml:11: waarschuwing: waivers[2]: dubbel: zelfde regel en document als waivers[1]',
        'beleid/uitzonderingen.yaml: fouten: 1, waarschuwingen: 3',
        '',
      ].join('\n'),
    );
    const warnOnly = project({ 'meldcode-waivers.yaml': waiver('M04', '2026-03-20') });
    expect(await run(['waivers', 'check', '--lang', 'en'], warnOnly)).toMatchObject({ code: 0, stdout: 'meldcode-waivers.yaml:5: warning: waivers[0].expires: waiver for M04 expires on 2026-03-20 (in 5 days)\nmeldcode-waivers.yaml: errors: 0, warnings: 1\n' });
    expect(await run(['waivers', 'check', 'weg.yaml'], warnOnly)).toEqual({ code: 2, stdout: 'weg.yaml: fout: bestand niet gevonden\nweg.yaml: fouten: 1, waarschuwingen: 0\n', stderr: '' });
  });

  it('waivers without a subcommand shows its help and exits 2; its help is localised', async () => {
    const r = await run(['waivers'], tmpdir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Gebruik: meldcode waivers <opdracht> [opties]');
    const h = await run(['waivers', 'check', '--help', '--lang', 'en'], tmpdir());
    expect(h.stdout).toMatch(/^Usage: meldcode waivers check \[options\] \[file\]/);
  });

  it('schema prints each committed schema; an unknown name is a usage error', async () => {
    for (const [name, file] of [
      ['config', 'meldcode.config.schema.json'],
      ['waivers', 'meldcode-waivers.schema.json'],
      ['baseline', 'meldcode-baseline.schema.json'],
      ['report', 'report.schema.json'],
    ] as const) {
      expect(await run(['schema', name], tmpdir())).toEqual({ code: 0, stdout: readFileSync(new URL(file, SCHEMAS), 'utf8'), stderr: '' });
    }
    expect(await run(['schema', 'x', '--lang', 'en'], tmpdir())).toEqual({ code: 2, stdout: '', stderr: "meldcode: unknown schema 'x': choose from config, waivers, baseline, report\n" });
  });

  it('schemas/report.schema.json and test/fixtures-schema/report.schema.json are the same schema, with the optional baseline block', () => {
    const publishedText = readFileSync(new URL('report.schema.json', SCHEMAS), 'utf8');
    const fixtureText = readFileSync(new URL('../fixtures-schema/report.schema.json', import.meta.url), 'utf8');
    const published = JSON.parse(publishedText);
    expect(published.required).not.toContain('baseline');
    expect(published.properties.baseline.required).toEqual(['file', 'new', 'matched', 'stale']);
    // The JSON reporter writes the baseline block itself: the reporter tests validate it against the fixture.
    expect(JSON.parse(fixtureText)).toEqual(published);
    expect(fixtureText).toBe(publishedText);
  });

  it('check --help lists the policy options in Dutch and English', async () => {
    const nl = (await run(['check', '--help'], tmpdir())).stdout;
    for (const o of ['-c, --config <bestand>', '--waivers <bestand>', '--baseline <bestand>', '--write-baseline <bestand>']) expect(nl).toContain(o);
    expect(nl).toContain('meldcode waivers check');
    // Descriptions wrap at the terminal width: compare with the white space collapsed.
    const en = (await run(['check', '--help', '--lang', 'en'], tmpdir())).stdout.replace(/\s+/g, ' ');
    expect(en).toContain('write the current gaps as a baseline to this file');
    expect(en).toContain('Configuration: meldcode.config.json or .yaml, searched from the current folder');
  });
});
