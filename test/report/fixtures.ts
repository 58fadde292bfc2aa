/**
 * Realistic DocumentResult objects for reporter tests, built on the real rule set metadata
 * (titles, messages, advice, basis from rules/*.yaml).
 */
import type { Location } from '../../src/document/model.js';
import type { DocumentResult, ElementResult, Evidence, Status } from '../../src/engine/result.js';
import { inputErrorText } from '../../src/i18n/input-errors.js';
import { loadRuleSet, rulesForDisplay } from '../../src/rules/load.js';
import type { Sector } from '../../src/rules/schema.js';
import type { ReportInput, RulesetMeta } from '../../src/report/types.js';

const set = loadRuleSet();
export const rules = rulesForDisplay(set);
export const rulesetMeta: RulesetMeta = { version: set.version, name: set.name, legalBasis: set.legalBasis, inForce: set.inForce, rules };

function applies(id: string, sector: Sector): boolean {
  const a = set.byId.get(id)!.appliesTo;
  if (a === 'all') return true;
  return 'only' in a ? a.only.includes(sector) : !a.except.includes(sector);
}

export interface ElementSpec {
  status: Exclude<Status, 'not-applicable'>;
  evidence?: Array<{ quote: string; location: Location }>;
  reasons?: Array<{ nl: string; en: string }>;
  anchor?: Location & { heading?: string };
  suppressed?: ElementResult['suppressed'];
}

export function element(id: string, sector: Sector, spec: ElementSpec): ElementResult {
  const rule = set.byId.get(id)!;
  const ok = applies(id, sector);
  const evidence: Evidence[] = spec.status === 'missing' ? [] : (spec.evidence ?? []).map((e) => ({ ...e, concepts: ['x'] }));
  const res: ElementResult = {
    id,
    kind: rule.kind,
    title: rule.title,
    severity: rule.severity,
    status: ok ? spec.status : 'not-applicable',
    contentStatus: spec.status,
    applies: ok,
    decidesVerdict: rule.verdict && ok,
    evidence,
    reasons: spec.reasons ?? [],
    message: rule.messages[spec.status],
    advice: spec.status === 'present' ? undefined : rule.advice,
    basis: rule.basis,
  };
  if (spec.status !== 'present') res.anchor = spec.anchor;
  if (spec.suppressed) res.suppressed = spec.suppressed;
  return res;
}

function build(sector: Sector, specs: Record<string, ElementSpec>, fallback: ElementSpec): ElementResult[] {
  return rules.map((r) => element(r.id, sector, specs[r.id] ?? fallback));
}

function verdictOf(elements: ElementResult[]): 'compliant' | 'non-compliant' {
  return elements.every((e) => !e.decidesVerdict || e.status === 'present') ? 'compliant' : 'non-compliant';
}

const line = (n: number, section?: string): Location => ({ line: n, column: 1, ...(section ? { section } : {}) });

/** A complete, compliant Markdown meldcode (wmo). */
export function compliantDoc(): DocumentResult {
  const ev = (quote: string, n: number, section: string) => ({ evidence: [{ quote, location: line(n, section) }] });
  const elements = build(
    'wmo',
    {
      M01: { status: 'present', ...ev('Versie 4.0. Vastgesteld door de directeur-bestuurder op 3 februari 2025, na advies van de cliëntenraad.', 5, 'Meldcode huiselijk geweld en kindermishandeling') },
      M03: { status: 'present', ...ev('Beschrijf zo feitelijk mogelijk wat je ziet en hoort en leg dat vast in het cliëntdossier.', 24, '4. Het stappenplan › Stap 1: Signalen in kaart brengen') },
      'M03.4': { status: 'present', ...ev('Weeg met behulp van het afwegingskader het risico, de aard en de ernst.', 38, '4. Het stappenplan › Stap 4: Wegen') },
      M04: { status: 'present', ...ev('Melden bij Veilig Thuis is de professionele norm bij acute of structurele onveiligheid.', 11, '1. Waarom deze meldcode') },
      'M05.1': { status: 'present', ...ev('Teamleider | Neemt in stap 5 het besluit om wel of niet te melden bij Veilig Thuis en is daarvoor eindverantwoordelijk', 22, '3. Wie doet wat') },
      S06: { status: 'partial', ...ev('De signalenlijst op intranet helpt je om gericht te kijken.', 26, '4. Het stappenplan') },
    },
    { status: 'present', evidence: [{ quote: 'Zie de tekst van de meldcode.', location: line(30, '4. Het stappenplan') }] },
  );
  return {
    file: 'fixtures/voorbeeld/meldcode-de-waterlinie.md',
    sha256: 'a'.repeat(64),
    verdict: verdictOf(elements),
    title: 'Meldcode huiselijk geweld en kindermishandeling',
    organisation: { name: 'Stichting De Waterlinie', source: 'title' },
    sector: { value: 'wmo', source: 'detected', reasons: ['"beschermd wonen" (3×)', '"wmo" (2×)'] },
    era: { value: '2019', markers: [], updates: [] },
    elements,
    stats: { format: 'md', bytes: 9000, blocks: 60, headings: 14, words: 1800 },
  };
}

export const NASTY_QUOTE = `Meld bij twijfel <script>alert("x")</script> & 'Veilig Thuis' | AMK`;

/** An old (2013) DOCX meldcode of a childcare centre with gaps, an odd file name and nasty text. */
export function nonCompliantDoc(): DocumentResult {
  const para = (n: number, section: string): Location => ({ paragraph: n, section });
  const elements = build(
    'kinderopvang',
    {
      M03: { status: 'partial', evidence: [{ quote: 'Stap 1: in kaart brengen van signalen.', location: para(12, 'Stappenplan') }] },
      'M03.2': {
        status: 'partial',
        evidence: [{ quote: NASTY_QUOTE, location: para(15, 'Stappenplan › Stap 2: Overleggen met een collega en raadplegen van het AMK') }],
        reasons: [{ nl: 'Stap 2 noemt het AMK in plaats van Veilig Thuis.', en: 'Step 2 names the AMK instead of Veilig Thuis.' }],
      },
      'M03.5': {
        status: 'partial',
        evidence: [{ quote: 'Stap 5: Hulp organiseren of melden.', location: para(21, 'Stappenplan › Stap 5') }],
        reasons: [{ nl: "Stap 5 is nog de oude keuze 'hulp organiseren óf melden'.", en: "Step 5 is still the old choice 'organise help or report'." }],
      },
      M04: { status: 'missing', anchor: { paragraph: 18, section: 'Stappenplan', heading: 'Stap 4: Wegen van het geweld of de kindermishandeling' } },
      M05: { status: 'partial', evidence: [{ quote: 'De leidster bespreekt de signalen met de leidinggevende.', location: para(9, 'Verantwoordelijkheden') }] },
      'M05.1': { status: 'missing' },
      M06: { status: 'missing', anchor: { paragraph: 1, heading: 'Meldcode kinderopvang' } },
      M08: { status: 'missing' },
      M10: { status: 'partial', evidence: [{ quote: 'Wij bevorderen de kennis en het gebruik van de meldcode.', location: para(30, 'Slot') }] },
      S01: { status: 'missing' },
      S03: { status: 'missing' },
      S05: { status: 'partial', evidence: [{ quote: '=HYPERLINK("http://evil")', location: para(33, 'Geweld door een medewerker') }] },
    },
    { status: 'present', evidence: [{ quote: 'Kinderdagverblijf \'t Kikkerhuis hanteert deze meldcode.', location: para(3, 'Inleiding') }] },
  );
  return {
    file: "corpus/set2/Meldcode Kikkerhuis 't oud.docx",
    sha256: 'b'.repeat(64),
    verdict: verdictOf(elements),
    title: 'Meldcode kinderopvang',
    organisation: { name: '=Kinderdagverblijf "t Kikkerhuis"', source: 'title' },
    sector: { value: 'kinderopvang', source: 'option', reasons: [] },
    era: {
      value: '2013',
      markers: [{ marker: 'old_body', quote: 'raadplegen van het AMK', location: para(15, 'Stappenplan') }],
      updates: [{ nl: 'Vervang AMK en Steunpunt Huiselijk Geweld door Veilig Thuis (sinds 1 januari 2015).', en: 'Replace AMK and Steunpunt Huiselijk Geweld by Veilig Thuis (since 1 January 2015).' }],
    },
    elements,
    stats: { format: 'docx', bytes: 40000, blocks: 80, headings: 12, words: 2600 },
  };
}

/** A PDF meldcode of a GP practice with a waived gap and a warning-level gap. */
export function pdfDoc(): DocumentResult {
  const pg = (page: number, ln: number, section?: string): Location => ({ page, line: ln, ...(section ? { section } : {}) });
  const elements = build(
    'zorg',
    {
      'M05.1': { status: 'missing', suppressed: { kind: 'waiver', justification: 'Eindverantwoordelijke staat in het praktijkhandboek, hoofdstuk 7', approver: 'J. de Vries', expires: '2027-01-01' } },
      M05: { status: 'partial', evidence: [{ quote: 'De huisarts bespreekt het vermoeden met de praktijkondersteuner.', location: pg(2, 14, 'Taken en verantwoordelijkheden') }] },
      M10: { status: 'missing' },
      S02: { status: 'missing' },
    },
    { status: 'present', evidence: [{ quote: 'De huisarts brengt de signalen in kaart en legt ze vast in het HIS.', location: pg(3, 12, 'Stap 1') }] },
  );
  return {
    file: 'corpus/a/zorg-huisartsenpraktijk-de-brink.pdf',
    verdict: 'non-compliant',
    organisation: { name: 'Huisartsenpraktijk De Brink', source: 'title' },
    sector: { value: 'zorg', source: 'detected', reasons: ['"huisarts" (12×)', '"patiënt" (8×)'] },
    era: { value: '2019', markers: [], updates: [] },
    elements,
    stats: { format: 'pdf', bytes: 120000, pages: 9, blocks: 140, headings: 20, words: 3100 },
  };
}

export function notAMeldcodeDoc(): DocumentResult {
  const elements = build('onderwijs', { M02: { status: 'partial', evidence: [{ quote: 'Onze school heeft een nieuwe meldcode.', location: line(3) }] } }, { status: 'missing' });
  return {
    file: 'corpus/b/onderwijs-nieuwsbericht-meldcode.md',
    verdict: 'not-a-meldcode',
    organisation: { name: 'Basisschool De Regenboog', source: 'title' },
    sector: { value: 'onderwijs', source: 'detected', reasons: ['"leerling" (4×)'] },
    elements,
    documentType: {
      kind: 'news-item',
      reason: {
        nl: 'Dit is een bericht over een meldcode: het beschrijft de code en verwijst naar het document, maar bevat zelf geen stappenplan.',
        en: 'This is an item about a meldcode: it describes the code and points to the document, but has no stappenplan of its own.',
      },
    },
  };
}

export function errorDoc(): DocumentResult {
  return { file: 'corpus/errors/meldcode-huisarts-wachtwoord.pdf', verdict: 'error', elements: [], error: { cause: 'encrypted', message: inputErrorText('encrypted'), detail: {} } };
}

export const TOOL = { name: 'meldcode-check', version: '0.1.0' };

export function input(documents: DocumentResult[], extra: Partial<ReportInput> = {}): ReportInput {
  return { tool: TOOL, ruleset: rulesetMeta, documents, ...extra };
}

export function batchInput(): ReportInput {
  return input([compliantDoc(), nonCompliantDoc(), pdfDoc(), notAMeldcodeDoc(), errorDoc()], {
    skipped: [
      { path: 'corpus/a/labels.json', reason: 'labels-file' },
      { path: 'corpus/a/organogram.png', reason: 'not-a-document' },
    ],
  });
}

export const NOW = new Date('2026-11-23T10:00:00Z');

/** A copy of `doc` where element `id` carries `suppressed` (a waiver, an expired waiver, a baseline entry). */
export function withSuppression(doc: DocumentResult, id: string, suppressed: NonNullable<ElementResult['suppressed']>): DocumentResult {
  return { ...doc, elements: doc.elements.map((e) => (e.id === id ? { ...e, suppressed } : e)) };
}

/** The waiver of pdfDoc's M05.1, past its date (the finding counts again). */
export const EXPIRED_WAIVER = { kind: 'waiver', justification: 'Staat in het praktijkhandboek, oplevering Q2.', approver: 'J. de Vries', expires: '2026-01-01', expired: true } as const;
