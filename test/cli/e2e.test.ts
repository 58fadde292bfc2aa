/**
 * End-to-end: spawns `node bin/meldcode.js` on small Markdown files in a temporary folder.
 * Builds dist/ first when it is missing or older than the sources (./spawn.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, run } from './spawn.js';

const WATERLINIE = path.join(ROOT, 'fixtures', 'voorbeeld', 'meldcode-de-waterlinie.md');
const IDS = ['M01', 'M02', 'M03', 'M03.1', 'M03.2', 'M03.3', 'M03.4', 'M03.5', 'M04', 'M05', 'M05.1', 'M06', 'M07', 'M08', 'M09', 'M10', 'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08'];

/** An older meldcode: five steps, but step 5 is the old either/or and there is no afwegingskader. */
const OUDE_MELDCODE = `# Meldcode huiselijk geweld en kindermishandeling Thuiszorg De Zonnebloem

Vastgesteld door de directie van Thuiszorg De Zonnebloem op 12 maart 2016.

## Inleiding

Deze meldcode gaat over huiselijk geweld en kindermishandeling. Huiselijk geweld is geweld door iemand uit
de huiselijke kring van de cliënt, zoals partnergeweld en ouderenmishandeling. Kindermishandeling is elke
vorm van bedreigende of gewelddadige interactie met een minderjarige.

## Stappenplan

### Stap 1: In kaart brengen van signalen

De medewerker brengt de signalen in kaart en legt ze vast in het cliëntdossier.

### Stap 2: Collegiale consultatie en zo nodig raadplegen van Veilig Thuis

De medewerker bespreekt de signalen met de teamleider. Zo nodig vraagt hij advies aan Veilig Thuis.

### Stap 3: Gesprek met de cliënt

De medewerker bespreekt de signalen met de cliënt.

### Stap 4: Wegen van het geweld

De medewerker weegt het risico op huiselijk geweld of kindermishandeling, de aard en de ernst ervan.

### Stap 5: Beslissen: hulp organiseren of melden

Op basis van de weging beslist de medewerker: zelf hulp organiseren of melden bij Veilig Thuis.
`;

const NIEUWS = `# Nieuws: onze school heeft een nieuwe meldcode

Basisschool De Klimop heeft dit voorjaar haar meldcode vernieuwd. Lees de volledige meldcode op onze website
via www.klimop.example/meldcode.pdf. Heeft u vragen, neem dan contact op met de intern begeleider.
`;

let dir: string;

const NO_STACK = /\n\s+at .+:\d+:\d+/;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'meldcode-e2e-'));
  writeFileSync(path.join(dir, 'zonnebloem.md'), OUDE_MELDCODE);
  writeFileSync(path.join(dir, 'nieuws.md'), NIEUWS);
  mkdirSync(path.join(dir, 'uit'));
}, 200_000);

describe('meldcode CLI (end to end)', () => {
  it('prints its version and Dutch help', () => {
    const v = run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const h = run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Gebruik: meldcode/);
    expect(h.stdout).toContain('Voorbeelden:');
    expect(h.stdout).toContain('$ meldcode explain M04');
    const en = run(['--help', '--lang', 'en']);
    expect(en.stdout).toMatch(/^Usage: meldcode/);
    expect(en.stdout).toContain('Examples:');
  });

  it('exit 0 for a compliant meldcode (fixtures/voorbeeld/meldcode-de-waterlinie.md)', () => {
    const r = run(['check', WATERLINIE, '--sector', 'wmo']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Oordeel\s+✔ voldoet aan artikel 2/);
    expect(r.code).toBe(0);
  });

  it('exit 1 for a meldcode with gaps, with advice and legal basis in Dutch', () => {
    const r = run(['check', path.join(dir, 'zonnebloem.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Oordeel\s+✖ voldoet niet aan artikel 2/);
    expect(r.stdout).toMatch(/✖ M04\s+Afwegingskader/);
    expect(r.stdout).toContain('Advies: ');
    expect(r.stdout).toContain('Grondslag: ');
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour when piped
  });

  it('the default command: a path as first argument is checked', () => {
    const r = run([path.join(dir, 'zonnebloem.md'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/zonnebloem\.md {2}✖ voldoet niet aan artikel 2/);
    expect(r.stdout).not.toMatch(/✔ M0/);
  });

  it('exit 1 for a document that is not a meldcode', () => {
    const r = run(['check', path.join(dir, 'nieuws.md'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).documents[0].verdict).toBe('not-a-meldcode');
  });

  it('--exit-zero gives 0 despite gaps', () => {
    expect(run(['check', path.join(dir, 'zonnebloem.md'), '--exit-zero']).code).toBe(0);
  });

  it('--format json parses and has the fields the evaluation reads', () => {
    const r = run(['check', path.join(dir, 'zonnebloem.md'), WATERLINIE, '--format', 'json', '--sector', 'wmo']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.documents).toHaveLength(2);
    for (const d of out.documents) {
      expect(typeof d.file).toBe('string');
      expect(['compliant', 'non-compliant', 'not-a-meldcode', 'error']).toContain(d.verdict);
      expect(d.elements.map((e: { id: string }) => e.id)).toEqual(IDS);
      for (const e of d.elements) expect(['present', 'partial', 'missing', 'not-applicable']).toContain(e.status);
    }
    const z = out.documents.find((d: { file: string }) => d.file.endsWith('zonnebloem.md'));
    expect(z.verdict).toBe('non-compliant');
    expect(z.elements.find((e: { id: string }) => e.id === 'M07').status).toBe('not-applicable');
  });

  it('--lang en (and MELDCODE_LANG=en) switches every message to English', () => {
    const r = run(['check', path.join(dir, 'zonnebloem.md'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Verdict\s+✖ does not meet article 2/);
    expect(r.stdout).toContain('Advice: ');
    expect(r.stdout).not.toMatch(/\b(Oordeel|Advies|Grondslag|voldoet)\b/);
    const env = run(['check', path.join(dir, 'zonnebloem.md')], { MELDCODE_LANG: 'en' });
    expect(env.stdout).toMatch(/Verdict\s+✖ does not meet article 2/);
    const bad = run(['check', 'x.md', '--sector', 'nope', '--lang', 'en']);
    expect(bad.stderr).toBe("meldcode: unknown sector 'nope': choose from wmo, jeugd, zorg, kinderopvang, onderwijs, algemeen\n");
  });

  it('usage errors: one Dutch line on stderr, exit 2, nothing on stdout', () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', 'x.md', '--sector', 'ziekenhuis'], /^meldcode: onbekende sector 'ziekenhuis': kies uit wmo, jeugd, zorg, kinderopvang, onderwijs, algemeen\n$/],
      [['check', 'x.md', '--format', 'pdf'], /^meldcode: onbekend formaat 'pdf': kies uit stylish, json, sarif, junit, csv, markdown, html\n$/],
      [['check'], /^meldcode: geen invoer: noem een of meer bestanden of mappen/],
      [[], /^meldcode: geen invoer/],
      [['check', 'x.md', '--bogus'], /^meldcode: onbekende optie '--bogus' \(zie meldcode --help\)\n$/],
      [['check', 'x.md', '--sector'], /^meldcode: --sector verwacht een waarde \(zie meldcode --help\)\n$/],
      [['check', 'x.md', '--jobs', 'veel'], /^meldcode: --jobs verwacht een geheel getal groter dan 0, niet 'veel'\n$/],
      [['explain'], /^meldcode: argument 'id' ontbreekt \(zie meldcode --help\)\n$/],
      [['--lang', 'fr', 'rules'], /^meldcode: onbekende taal 'fr': kies nl of en\n$/],
      [['rules', '--format', 'xml'], /^meldcode: onbekend formaat 'xml': kies uit table, json\n$/],
    ];
    for (const [args, re] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  });

  it('a file that does not exist: exit 2, its name in the message, no stack trace', () => {
    const r = run(['check', path.join(dir, 'bestaat-niet.md')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('bestaat-niet.md');
    expect(r.stdout + r.stderr).toContain('bestand niet gevonden');
    expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
  });

  it('an unreadable file in a batch makes the exit 2, and the other documents are still reported', () => {
    const r = run(['check', path.join(dir, 'zonnebloem.md'), path.join(dir, 'weg.docx'), '--format', 'json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.documents.map((d: { verdict: string }) => d.verdict).sort()).toEqual(['error', 'non-compliant']);
    const s = run(['check', path.join(dir, 'zonnebloem.md'), path.join(dir, 'weg.docx')]);
    expect(s.code).toBe(2);
    expect(s.stdout).toContain('Onleesbare bestanden (1)');
    expect(s.stdout).toMatch(/weg\.docx: bestand niet gevonden/);
  });

  it('rules lists every element ID, in Dutch, English and JSON', () => {
    const r = run(['rules']);
    expect(r.code).toBe(0);
    for (const id of IDS) expect(r.stdout).toMatch(new RegExp(`^  ${id.replace('.', '\\.')}\\s`, 'm'));
    expect(r.stdout).toContain('Wettelijke onderdelen');
    expect(r.stdout).toContain('Afwegingskader');
    expect(r.stdout).toContain('alleen jeugd');
    expect(r.stdout).toContain('alle behalve kinderopvang, onderwijs');
    const en = run(['rules', '--lang', 'en']);
    expect(en.stdout).toContain('Legal elements');
    expect(en.stdout).toContain('only jeugd');
    const json = JSON.parse(run(['rules', '--format', 'json']).stdout);
    expect(json.rules.map((x: { id: string }) => x.id)).toEqual(IDS);
    expect(json.rules.find((x: { id: string }) => x.id === 'M08').sectors).toEqual(['wmo', 'jeugd', 'zorg', 'algemeen']);
  });

  it('explain M04 in Dutch and English; an unknown ID lists the valid ones', () => {
    const nl = run(['explain', 'M04']);
    expect(nl.code).toBe(0);
    expect(nl.stdout).toMatch(/^M04 {2}Afwegingskader\n/);
    for (const h of ['Wat de wet vraagt', 'Grondslag', 'Aanwezig als', 'Gedeeltelijk als', 'Voorbeeld van een goede tekst', 'Advies bij een tekort']) expect(nl.stdout).toContain(`\n${h}\n`);
    expect(nl.stdout).toContain('Stb. 2017, 291');
    const en = run(['explain', 'm04', '--lang', 'en']);
    expect(en.code).toBe(0);
    for (const h of ['What the law requires', 'Legal basis', 'Present when', 'Partial when', 'Example of good text', 'Advice for a gap']) expect(en.stdout).toContain(`\n${h}\n`);
    const bad = run(['explain', 'X99']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`meldcode: onbekend onderdeel 'X99'. Geldige ID's: ${IDS.join(', ')}\n`);
  });

  it('writes several reports in one run, atomically, and refuses unsafe targets', () => {
    const uit = path.join(dir, 'uit');
    const r = run(['check', path.join(dir, 'zonnebloem.md'), '--quiet', '--report', `json=${path.join(uit, 'r.json')}`, '--report', `sarif=${path.join(uit, 'r.sarif')}`, '--report', `html=${path.join(uit, 'r.html')}`]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(uit, 'r.json'), 'utf8')).documents[0].verdict).toBe('non-compliant');
    expect(JSON.parse(readFileSync(path.join(uit, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(uit, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(readdirSync(uit).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const o = run(['check', path.join(dir, 'zonnebloem.md'), '--format', 'csv', '--output', path.join(uit, 'r.csv')]);
    expect(o.stdout).toBe('');
    expect(o.stderr).toContain('rapport (csv) geschreven naar');
    expect(readFileSync(path.join(uit, 'r.csv'), 'utf8').startsWith('\uFEFFbestand,organisatie')).toBe(true);

    const missing = run(['check', path.join(dir, 'zonnebloem.md'), '--format', 'html', '--output', path.join(dir, 'geen-map', 'r.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`meldcode: map bestaat niet: ${path.join(dir, 'geen-map')} (voor ${path.join(dir, 'geen-map', 'r.html')})\n`);

    const self = run(['check', path.join(dir, 'zonnebloem.md'), '--output', path.join(dir, 'zonnebloem.md')]);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('is een invoerbestand en wordt niet overschreven');
    expect(readFileSync(path.join(dir, 'zonnebloem.md'), 'utf8')).toBe(OUDE_MELDCODE);
  });
});
