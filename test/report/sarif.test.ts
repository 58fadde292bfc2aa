import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifactUri, fingerprint, sarif } from '../../src/report/sarif.js';
import { batchInput, compliantDoc, EXPIRED_WAIVER, input, nonCompliantDoc, pdfDoc, withSuppression } from './fixtures.js';
import { errorsOf, sarifValidator } from './schema-helpers.js';

type Result = {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } }; logicalLocations?: Array<{ name: string; kind: string }> }>;
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
  suppressions?: Array<{ kind: string; justification?: string }>;
};

const CWD = '/work/project';
const log = (lang: 'nl' | 'en' = 'nl') => JSON.parse(sarif(batchInput(), { lang, cwd: CWD }));
const results = (l = log()) => l.runs[0].results as Result[];
const find = (id: string, file: RegExp, l = log()) => results(l).find((r) => r.ruleId === id && file.test(r.locations[0]!.physicalLocation.artifactLocation.uri))!;

describe('sarif reporter', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(existsSync(new URL('../fixtures-schema/sarif-schema-2.1.0.json', import.meta.url)), 'test/fixtures-schema/sarif-schema-2.1.0.json is missing').toBe(true);
    const validate = sarifValidator();
    for (const lang of ['nl', 'en'] as const) {
      const ok = validate(log(lang));
      expect(ok, errorsOf(validate)).toBe(true);
    }
    // the validator is not a rubber stamp: line 0 is refused
    const bad = log();
    bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(bad)).toBe(false);
  });

  it('describes every rule with help, legal basis, helpUri, level and tags', () => {
    const driver = log().runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'meldcode-check', version: '0.1.0', semanticVersion: '0.1.0' });
    const m032 = driver.rules.find((r: { id: string }) => r.id === 'M03.2');
    expect(m032.helpUri).toBe('https://github.com/meldcode-check/meldcode-check/blob/main/docs/rules/M03.2.md');
    expect(m032.defaultConfiguration.level).toBe('error');
    expect(m032.properties.tags).toContain('art. 2 lid 2 sub b');
    expect(m032.help.text).toContain('Grondslag: art. 2 lid 2 sub b (Besluit verplichte meldcode');
    expect(m032.help.markdown).toMatch(/\*\*Advies:\*\*/);
    expect(m032.name).toMatch(/^[A-Za-z0-9]+$/);
    expect(driver.rules.find((r: { id: string }) => r.id === 'S01').defaultConfiguration.level).toBe('note');
    expect(driver.rules.find((r: { id: string }) => r.id === 'M10').defaultConfiguration.level).toBe('warning');
    const ids = driver.rules.map((r: { id: string }) => r.id);
    for (const r of results()) expect(ids[r.ruleIndex]).toBe(r.ruleId);
  });

  it('emits one result per applicable gap, each with a location from line 1', () => {
    const rs = results();
    const gaps = [nonCompliantDoc(), compliantDoc()].flatMap((d) => d.elements.filter((e) => e.applies && (e.status === 'partial' || e.status === 'missing')));
    const forTwo = rs.filter((r) => /waterlinie|Kikkerhuis/.test(r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(forTwo.length).toBe(gaps.length);
    for (const r of rs) {
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri.length).toBeGreaterThan(0);
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    // n.v.t. elements never become results
    expect(rs.some((r) => r.ruleId === 'M07')).toBe(false);
    expect(rs.some((r) => r.ruleId === 'M08' && /Kikkerhuis/.test(r.locations[0]!.physicalLocation.artifactLocation.uri))).toBe(false);
  });

  it('anchors results: Markdown line, PDF page, expected heading, or the start', () => {
    const s06 = find('S06', /waterlinie/);
    expect(s06.level).toBe('note');
    expect(s06.locations[0]!.physicalLocation.region.startLine).toBe(26);
    expect(s06.locations[0]!.logicalLocations![0]).toMatchObject({ name: '4. Het stappenplan', kind: 'section' });
    const m05 = find('M05', /brink/);
    expect(m05.locations[0]!.physicalLocation.region.startLine).toBe(1);
    expect(m05.properties.page).toBe(2);
    expect(m05.message.text).toContain('p. 2 r. 14');
    const m04 = find('M04', /Kikkerhuis/);
    expect(m04.message.text).toContain('verwacht bij § "Stap 4: Wegen van het geweld of de kind…"');
    expect(m04.message.text).toContain('verankerd aan het begin van het document');
    const m08 = find('M10', /brink/);
    expect(m08.level).toBe('warning');
    expect(m08.message.text).toContain('geen vindplaats in de tekst; verankerd aan het begin van het document');
  });

  it('uses repo-relative, percent-encoded URIs and stable fingerprints', () => {
    const m04 = find('M04', /Kikkerhuis/);
    expect(m04.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: "corpus/set2/Meldcode%20Kikkerhuis%20't%20oud.docx", uriBaseId: '%SRCROOT%' });
    expect(m04.partialFingerprints['meldcodeFinding/v1']).toBe(fingerprint('M04', "corpus/set2/Meldcode%20Kikkerhuis%20't%20oud.docx", 'missing'));
    expect(m04.partialFingerprints['meldcodeFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint('M04', 'a.md', 'missing')).not.toBe(fingerprint('M04', 'a.md', 'partial'));
    expect(artifactUri('/elsewhere/x y.md', CWD)).toEqual({ uri: '../../elsewhere/x%20y.md' });
    expect(artifactUri('sub\\dir/a.md', CWD).uri).not.toContain('\\\\');
  });

  it('reports a waiver as a suppression and an unreadable file as a notification', () => {
    const l = log();
    const m051 = find('M05.1', /brink/, l);
    expect(m051.suppressions).toEqual([
      expect.objectContaining({ kind: 'external', justification: 'Eindverantwoordelijke staat in het praktijkhandboek, hoofdstuk 7; goedgekeurd door J. de Vries; geldig tot 2027-01-01' }),
    ]);
    const inv = l.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    expect(inv.toolExecutionNotifications[0].message.text).toBe('corpus/errors/meldcode-huisarts-wachtwoord.pdf: versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op');
    expect(inv.toolExecutionNotifications[0].descriptor.id).toBe('encrypted');
    const nam = results(l).find((r) => r.ruleId === 'not-a-meldcode')!;
    expect(nam.message.text).toContain('Dit is een bericht over een meldcode');
    expect(l.runs[0].tool.driver.rules[nam.ruleIndex].id).toBe('not-a-meldcode');
  });

  it('joins a justification written as a sentence to approver and date without double punctuation', () => {
    const doc = withSuppression(pdfDoc(), 'M05.1', { ...EXPIRED_WAIVER, expired: undefined, expires: '2027-06-30' });
    for (const [lang, want] of [
      ['nl', 'Staat in het praktijkhandboek, oplevering Q2; goedgekeurd door J. de Vries; geldig tot 2027-06-30'],
      ['en', 'Staat in het praktijkhandboek, oplevering Q2; approved by J. de Vries; valid until 2027-06-30'],
    ] as const) {
      const l = JSON.parse(sarif(input([doc]), { lang, cwd: CWD }));
      const m051 = find('M05.1', /brink/, l);
      expect(m051.suppressions![0]!.justification).toBe(want);
      expect(m051.suppressions![0]!.justification).not.toMatch(/[.;,:]\s*[.;,:]/);
    }
  });

  it('flags a finding whose waiver expired: no suppression, waiverExpired and a message suffix', () => {
    const doc = withSuppression(pdfDoc(), 'M05.1', EXPIRED_WAIVER);
    const nl = JSON.parse(sarif(input([doc]), { lang: 'nl', cwd: CWD }));
    const m051 = find('M05.1', /brink/, nl);
    expect(m051.suppressions).toBeUndefined();
    expect(m051.properties).toMatchObject({ waiverExpired: true, waiverExpires: '2026-01-01' });
    expect(m051.message.text).toMatch(/ Uitzondering verlopen op 2026-01-01: telt weer mee\.$/);
    const en = JSON.parse(sarif(input([doc]), { lang: 'en', cwd: CWD }));
    expect(find('M05.1', /brink/, en).message.text).toMatch(/ Suppression expired on 2026-01-01: counts again\.$/);
    // A waiver in force and an ordinary gap carry no such flag.
    expect(find('M05.1', /brink/).properties.waiverExpired).toBeUndefined();
    expect(find('M05', /brink/, nl).properties.waiverExpired).toBeUndefined();
    const validate = sarifValidator();
    expect(validate(nl), errorsOf(validate)).toBe(true);
  });

  it('succeeds without errors on a clean run', () => {
    const l = JSON.parse(sarif(input([compliantDoc()]), { lang: 'en', cwd: CWD }));
    expect(l.runs[0].invocations[0].executionSuccessful).toBe(true);
    expect(l.runs[0].results.map((r: Result) => r.ruleId)).toEqual(['S06']);
    expect(l.runs[0].results[0].message.text).toMatch(/^S06 List of signs/);
  });
});
