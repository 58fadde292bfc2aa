/**
 * Every user-facing string of the CLI and the reporters, in Dutch (default) and English.
 * Placeholders are written {name} and filled in by t(). Rule texts (titles, advice, explain
 * texts) live in rules/*.yaml; input-error lines in ./input-errors.ts.
 */

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface Text {
  nl: string;
  en: string;
}

export const MESSAGES = {
  // ── Statuses, verdicts, severities ────────────────────────────────────────────────
  'status.present': { nl: 'aanwezig', en: 'present' },
  'status.partial': { nl: 'gedeeltelijk', en: 'partial' },
  'status.missing': { nl: 'ontbreekt', en: 'missing' },
  'status.not-applicable': { nl: 'n.v.t.', en: 'n/a' },
  'status.suppressed': { nl: 'uitgezonderd', en: 'suppressed' },

  'verdict.compliant': { nl: 'voldoet aan artikel 2', en: 'meets article 2' },
  'verdict.non-compliant': { nl: 'voldoet niet aan artikel 2', en: 'does not meet article 2' },
  'verdict.not-a-meldcode': { nl: 'geen meldcode', en: 'not a meldcode' },
  'verdict.error': { nl: 'onleesbaar', en: 'unreadable' },
  'verdictShort.compliant': { nl: 'voldoet', en: 'compliant' },
  'verdictShort.non-compliant': { nl: 'voldoet niet', en: 'non-compliant' },
  'verdictShort.not-a-meldcode': { nl: 'geen meldcode', en: 'not a meldcode' },
  'verdictShort.error': { nl: 'onleesbaar', en: 'unreadable' },

  'severity.error': { nl: 'fout', en: 'error' },
  'severity.warning': { nl: 'waarschuwing', en: 'warning' },
  'severity.info': { nl: 'info', en: 'info' },

  // ── Sectors, eras ─────────────────────────────────────────────────────────────────
  'sector.wmo': { nl: 'wmo (maatschappelijke ondersteuning)', en: 'wmo (social support)' },
  'sector.jeugd': { nl: 'jeugd (jeugdhulp, jeugdbescherming)', en: 'jeugd (youth care, child protection)' },
  'sector.zorg': { nl: 'zorg (Wkkgz)', en: 'zorg (health care, Wkkgz)' },
  'sector.kinderopvang': { nl: 'kinderopvang', en: 'kinderopvang (childcare)' },
  'sector.onderwijs': { nl: 'onderwijs', en: 'onderwijs (education)' },
  'sector.algemeen': { nl: 'algemeen', en: 'algemeen (general)' },
  'sectorSource.option': { nl: 'opgegeven met --sector', en: 'set with --sector' },
  'sectorSource.default': { nl: 'niet herkend; algemeen aangenomen', en: 'not detected; general assumed' },
  'sectorSource.detected': { nl: 'herkend aan {reasons}', en: 'detected from {reasons}' },
  'sectorSource.detectedNoReasons': { nl: 'herkend in de tekst', en: 'detected in the text' },

  'era.2013': { nl: '2013 (vóór Veilig Thuis: AMK of Steunpunt Huiselijk Geweld)', en: '2013 (before Veilig Thuis: AMK or Steunpunt Huiselijk Geweld)' },
  'era.2015': { nl: '2015 (Veilig Thuis, nog zonder afwegingskader)', en: '2015 (Veilig Thuis, no afwegingskader yet)' },
  'era.2019': { nl: '2019 of later (met afwegingskader)', en: '2019 or later (with afwegingskader)' },
  'era.unknown': { nl: 'onbekend', en: 'unknown' },
  'marker.old_body': { nl: 'AMK of Steunpunt Huiselijk Geweld', en: 'AMK or Steunpunt Huiselijk Geweld' },
  'marker.wbp': { nl: 'Wet bescherming persoonsgegevens', en: 'Wet bescherming persoonsgegevens (repealed)' },
  'marker.either_or': { nl: "stap 5 als keuze 'hulp óf melden'", en: "step 5 as the choice 'help or report'" },

  // ── Locations ─────────────────────────────────────────────────────────────────────
  'loc.page': { nl: 'p. {n}', en: 'p. {n}' },
  'loc.line': { nl: 'r. {n}', en: 'l. {n}' },
  'loc.paragraph': { nl: '¶{n}', en: '¶{n}' },
  'loc.expectedAt': { nl: 'verwacht bij {where}', en: 'expected at {where}' },

  // ── Labels shared by reports ──────────────────────────────────────────────────────
  'label.organisation': { nl: 'Organisatie', en: 'Organisation' },
  'label.sector': { nl: 'Sector', en: 'Sector' },
  'label.era': { nl: 'Tijdvak', en: 'Era' },
  'label.verdict': { nl: 'Oordeel', en: 'Verdict' },
  'label.file': { nl: 'Bestand', en: 'File' },
  'label.element': { nl: 'Onderdeel', en: 'Element' },
  'label.id': { nl: 'ID', en: 'ID' },
  'label.status': { nl: 'Status', en: 'Status' },
  'label.basis': { nl: 'Grondslag', en: 'Legal basis' },
  'label.advice': { nl: 'Advies', en: 'Advice' },
  'label.evidence': { nl: 'Vindplaats', en: 'Evidence' },
  'label.gaps': { nl: 'Tekorten', en: 'Gaps' },
  'label.cause': { nl: 'Oorzaak', en: 'Cause' },
  'label.outdated': { nl: 'Verouderd', en: 'Outdated' },
  'label.updates': { nl: 'Bijwerken', en: 'To update' },
  'label.sameContent': { nl: 'Zelfde inhoud als', en: 'Same content as' },
  'label.documentType': { nl: 'Soort document', en: 'Document type' },
  'label.of': { nl: '{x} van {n}', en: '{x} of {n}' },
  'label.legalElements': { nl: 'Wettelijke onderdelen (artikel 2 Besluit verplichte meldcode)', en: 'Legal elements (article 2 Besluit verplichte meldcode)' },
  'label.goodPractice': { nl: 'Goede praktijk (telt niet mee voor het oordeel)', en: 'Good practice (does not count towards the verdict)' },
  'label.notApplicableFor': { nl: 'n.v.t. voor sector {sector}', en: 'n/a for sector {sector}' },
  'label.suppressedBy': { nl: 'uitgezonderd ({kind})', en: 'suppressed ({kind})' },
  'label.suppressionExpired': { nl: 'uitzondering verlopen op {date}: telt weer mee', en: 'suppression expired on {date}: counts again' },
  'label.expires': { nl: 'geldig tot {date}', en: 'valid until {date}' },
  'label.approver': { nl: 'goedgekeurd door {name}', en: 'approved by {name}' },
  'suppressionKind.waiver': { nl: 'uitzondering', en: 'waiver' },
  'suppressionKind.baseline': { nl: 'basislijn', en: 'baseline' },

  // ── Per-document summary (stylish, markdown, html) ────────────────────────────────
  'doc.legalCounts': {
    nl: 'Artikel 2: {present} van {total} aanwezig, {partial} gedeeltelijk, {missing} ontbreekt',
    en: 'Article 2: {present} of {total} present, {partial} partial, {missing} missing',
  },
  'doc.goodPracticeCounts': { nl: 'goede praktijk: {present} van {total} aanwezig', en: 'good practice: {present} of {total} present' },
  'doc.notAMeldcodeHint': {
    nl: 'De onderdelen worden niet beoordeeld, omdat dit geen meldcode is.',
    en: 'The elements are not assessed, because this is not a meldcode.',
  },

  // ── Batch summary ─────────────────────────────────────────────────────────────────
  'batch.title': { nl: 'Samenvatting van {n} documenten', en: 'Summary of {n} documents' },
  'batch.counts.meldcodes': { nl: '{n} meldcodes', en: '{n} meldcodes' },
  'batch.counts.meldcode1': { nl: '1 meldcode', en: '1 meldcode' },
  'batch.counts.compliant': { nl: '{x} van {n} voldoen aan artikel 2', en: '{x} of {n} meet article 2' },
  'batch.counts.compliant1': { nl: '1 van {n} voldoet aan artikel 2', en: '1 of {n} meets article 2' },
  'batch.counts.notAMeldcode': { nl: '{n} geen meldcode', en: '{n} not a meldcode' },
  'batch.counts.errors': { nl: '{n} onleesbaar', en: '{n} unreadable' },
  'batch.perElement': {
    nl: 'Per onderdeel: aanwezig in x van de meldcodes waarvoor het onderdeel geldt',
    en: 'Per element: present in x of the meldcodes the element applies to',
  },
  'batch.documents': { nl: 'Documenten', en: 'Documents' },
  'batch.unreadable': { nl: 'Onleesbare bestanden ({n})', en: 'Unreadable files ({n})' },
  'batch.skipped': { nl: 'Overgeslagen bestanden ({n})', en: 'Skipped files ({n})' },
  'batch.col.present': { nl: 'Aanwezig', en: 'Present' },
  'batch.col.partial': { nl: 'Gedeeltelijk', en: 'Partial' },
  'batch.col.missing': { nl: 'Ontbreekt', en: 'Missing' },
  'batch.col.na': { nl: 'N.v.t.', en: 'N/a' },

  // ── CSV ───────────────────────────────────────────────────────────────────────────
  'csv.file': { nl: 'bestand', en: 'file' },
  'csv.organisation': { nl: 'organisatie', en: 'organisation' },
  'csv.sector': { nl: 'sector', en: 'sector' },
  'csv.verdict': { nl: 'oordeel', en: 'verdict' },
  'csv.missing': { nl: 'ontbreekt', en: 'missing' },
  'csv.partial': { nl: 'gedeeltelijk', en: 'partial' },
  'csv.note': { nl: 'toelichting', en: 'note' },

  // ── HTML / Markdown report ────────────────────────────────────────────────────────
  'report.title': { nl: 'Toets meldcode huiselijk geweld en kindermishandeling', en: 'Meldcode check: domestic violence and child abuse' },
  'report.subtitle': {
    nl: 'Toetsing aan artikel 2 van het Besluit verplichte meldcode huiselijk geweld en kindermishandeling',
    en: 'Checked against article 2 of the Besluit verplichte meldcode huiselijk geweld en kindermishandeling',
  },
  'report.generated': { nl: 'Opgesteld op {date} met {tool} {version}', en: 'Generated on {date} by {tool} {version}' },
  'report.ruleset': { nl: 'Regelset {version}, in werking sinds {date}', en: 'Rule set {version}, in force since {date}' },
  'report.rulesetValue': { nl: '{version}, in werking sinds {date}', en: '{version}, in force since {date}' },
  'report.legalBasis': { nl: 'Wettelijke basis', en: 'Legal basis' },
  'report.date': { nl: 'Datum', en: 'Date' },
  'report.rulesetLabel': { nl: 'Regelset', en: 'Rule set' },
  'report.tool': { nl: 'Hulpmiddel', en: 'Tool' },
  'kpi.documents': { nl: 'documenten', en: 'documents' },
  'kpi.meldcodes': { nl: 'meldcodes', en: 'meldcodes' },
  'kpi.compliant': { nl: 'voldoen aan artikel 2', en: 'meet article 2' },
  'kpi.nonCompliant': { nl: 'voldoen niet', en: 'do not comply' },
  'kpi.notAMeldcode': { nl: 'geen meldcode', en: 'not a meldcode' },
  'kpi.errors': { nl: 'onleesbaar', en: 'unreadable' },
  'report.summary': { nl: 'Samenvatting', en: 'Summary' },
  'report.summaryLead': {
    nl: 'Van de {n} onderzochte meldcodes voldoen er {x} aan de eisen van artikel 2 van het Besluit verplichte meldcode.',
    en: 'Of the {n} meldcodes examined, {x} meet the requirements of article 2 of the Besluit verplichte meldcode.',
  },
  'report.summaryLead0': {
    nl: 'Van de {n} onderzochte meldcodes voldoet er geen aan de eisen van artikel 2 van het Besluit verplichte meldcode.',
    en: 'Of the {n} meldcodes examined, none meets the requirements of article 2 of the Besluit verplichte meldcode.',
  },
  'report.summaryLeadOne': {
    nl: 'Van de {n} onderzochte meldcodes voldoet er 1 aan de eisen van artikel 2 van het Besluit verplichte meldcode.',
    en: 'Of the {n} meldcodes examined, 1 meets the requirements of article 2 of the Besluit verplichte meldcode.',
  },
  'report.summaryLead1': {
    nl: 'De onderzochte meldcode voldoet aan de eisen van artikel 2 van het Besluit verplichte meldcode.',
    en: 'The meldcode examined meets the requirements of article 2 of the Besluit verplichte meldcode.',
  },
  'report.summaryLead1Not': {
    nl: 'De onderzochte meldcode voldoet niet aan alle eisen van artikel 2 van het Besluit verplichte meldcode.',
    en: 'The meldcode examined does not meet all requirements of article 2 of the Besluit verplichte meldcode.',
  },
  'report.other.notAMeldcode1': { nl: '1 document is geen meldcode.', en: '1 document is not a meldcode.' },
  'report.other.notAMeldcode': { nl: '{n} documenten zijn geen meldcode.', en: '{n} documents are not a meldcode.' },
  'report.other.errors1': { nl: '1 bestand kon niet worden gelezen.', en: '1 file could not be read.' },
  'report.other.errors': { nl: '{n} bestanden konden niet worden gelezen.', en: '{n} files could not be read.' },
  'report.noMeldcodes': { nl: 'Er is geen meldcode onderzocht.', en: 'No meldcode was examined.' },
  'report.perElement': { nl: 'Verplichte onderdelen', en: 'Required elements' },
  'report.perElementLead': {
    nl: 'Aantal meldcodes waarin het onderdeel aanwezig is, van het aantal meldcodes waarvoor het geldt.',
    en: 'Number of meldcodes in which the element is present, of the number of meldcodes it applies to.',
  },
  'report.goodPractice': { nl: 'Goede praktijk', en: 'Good practice' },
  'report.goodPracticeLead': {
    nl: 'Onderdelen die toezichthouders en professionals aanbevelen; ze tellen niet mee voor het oordeel.',
    en: 'Elements recommended by supervisors and professionals; they do not count towards the verdict.',
  },
  'report.documents': { nl: 'Overzicht van de documenten', en: 'Documents' },
  'report.details': { nl: 'Bevindingen per document', en: 'Findings per document' },
  'report.unreadable': { nl: 'Onleesbare bestanden', en: 'Unreadable files' },
  'report.unreadableLead': {
    nl: 'Deze bestanden konden niet worden gelezen en zijn dus niet beoordeeld.',
    en: 'These files could not be read and have therefore not been assessed.',
  },
  'report.contents': { nl: 'Inhoud', en: 'Contents' },
  'report.chartLabel': { nl: '{id}: {present} aanwezig, {partial} gedeeltelijk, {missing} ontbreekt, van {n}', en: '{id}: {present} present, {partial} partial, {missing} missing, of {n}' },
  'report.legend': { nl: 'Legenda', en: 'Legend' },
  'report.finding': { nl: 'Bevinding en vindplaats', en: 'Finding and location' },
  'report.backToTop': { nl: 'naar boven', en: 'back to top' },
  'report.skipped': { nl: 'Overgeslagen bestanden', en: 'Skipped files' },

  // ── CLI: program and help ─────────────────────────────────────────────────────────
  'cli.description': {
    nl: 'Controleert een meldcode huiselijk geweld en kindermishandeling (.docx, .pdf, .md) op de minimale inhoud van artikel 2 van het Besluit verplichte meldcode.',
    en: 'Checks a meldcode for domestic violence and child abuse (.docx, .pdf, .md) against the minimum content of article 2 of the Besluit verplichte meldcode.',
  },
  'cli.help.usage': { nl: 'Gebruik:', en: 'Usage:' },
  'cli.help.options': { nl: 'Opties:', en: 'Options:' },
  'cli.help.commands': { nl: 'Opdrachten:', en: 'Commands:' },
  'cli.help.arguments': { nl: 'Argumenten:', en: 'Arguments:' },
  'cli.help.globalOptions': { nl: 'Algemene opties:', en: 'Global options:' },
  'cli.opt.version': { nl: 'toon het versienummer', en: 'show the version number' },
  'cli.opt.help': { nl: 'toon de hulp bij deze opdracht', en: 'show help for this command' },
  'cli.cmd.help': { nl: 'toon de hulp bij een opdracht', en: 'show help for a command' },
  'cli.opt.lang': { nl: 'taal van de uitvoer: nl of en (standaard nl; ook via MELDCODE_LANG)', en: 'language of the output: nl or en (default nl; also via MELDCODE_LANG)' },
  'cli.help.examples': {
    nl: `
Voorbeelden:
  Eén document controleren (de sector wordt herkend uit de tekst):
    $ meldcode meldcode.docx
  Alle documenten in een map controleren, met opgegeven sector:
    $ meldcode check meldcodes/ --sector wmo
  Rapport voor de toezichthouder als HTML-bestand:
    $ meldcode check meldcodes/ --format html --output rapport.html
  Meerdere rapporten in één keer:
    $ meldcode check meldcodes/ --report json=uit.json --report sarif=uit.sarif
  Alle onderdelen met hun grondslag, en de uitleg bij één onderdeel:
    $ meldcode rules
    $ meldcode explain M04

Afsluitcodes: 0 = alles voldoet, 1 = tekorten of geen meldcode, 2 = gebruiksfout of
onleesbaar bestand. Meer hulp bij een opdracht: meldcode help check`,
    en: `
Examples:
  Check one document (the sector is detected from the text):
    $ meldcode meldcode.docx
  Check all documents in a folder, with the sector given:
    $ meldcode check meldcodes/ --sector wmo
  Report for the supervisor as an HTML file:
    $ meldcode check meldcodes/ --format html --output report.html
  Several reports in one run:
    $ meldcode check meldcodes/ --report json=out.json --report sarif=out.sarif
  All elements with their legal basis, and the explanation of one element:
    $ meldcode rules
    $ meldcode explain M04

Exit codes: 0 = everything compliant, 1 = gaps or not a meldcode, 2 = usage error or
unreadable file. More help on a command: meldcode help check`,
  },
  'cli.help.optionsTerm': { nl: '[opties]', en: '[options]' },
  'cli.usage.program': { nl: '[opties] <bestanden of mappen...> | <opdracht>', en: '[options] <files or folders...> | <command>' },
  'cli.usage.check': { nl: '[opties] <bestanden of mappen...>', en: '[options] <files or folders...>' },
  'cli.usage.rules': { nl: '[opties]', en: '[options]' },
  'cli.usage.explain': { nl: '[opties] <ID>', en: '[options] <ID>' },
  'cli.check.examples': {
    nl: `
Voorbeelden:
  $ meldcode check meldcode.pdf --sector zorg
  $ meldcode check aanbieders/ --format csv --csv-delimiter ';' --output overzicht.csv
  $ meldcode check aanbieders/ --quiet --report html=rapport.html
  $ meldcode check beleid/ --format sarif --output meldcode.sarif --baseline meldcode-baseline.json

Configuratie: meldcode.config.json of .yaml, gezocht vanaf de huidige map (zie meldcode schema config);
opties op de opdrachtregel gaan voor. Uitzonderingen staan in meldcode-waivers.yaml (controleer ze met
meldcode waivers check); een verlopen uitzondering telt weer mee.

Afsluitcodes: 0 = alles voldoet; 1 = een meldcode voldoet niet, een document is geen meldcode, of een
drempel (--fail-on, --max-warnings) is overschreden; 2 = gebruiksfout of onleesbaar bestand (de andere
documenten worden wel gerapporteerd).`,
    en: `
Examples:
  $ meldcode check meldcode.pdf --sector zorg
  $ meldcode check providers/ --format csv --csv-delimiter ';' --output overview.csv
  $ meldcode check providers/ --quiet --report html=report.html
  $ meldcode check policy/ --format sarif --output meldcode.sarif --baseline meldcode-baseline.json

Configuration: meldcode.config.json or .yaml, searched from the current folder (see meldcode schema
config); command-line options take precedence. Waivers live in meldcode-waivers.yaml (check them with
meldcode waivers check); an expired waiver counts again.

Exit codes: 0 = everything compliant; 1 = a meldcode does not comply, a document is not a meldcode, or
a threshold (--fail-on, --max-warnings) is exceeded; 2 = usage error or unreadable file (the other
documents are still reported).`,
  },
  'cli.check.description': {
    nl: 'controleer een of meer meldcodes (bestanden of mappen); de standaardopdracht',
    en: 'check one or more meldcodes (files or folders); the default command',
  },
  'cli.check.args': { nl: 'bestanden, mappen of patronen (*.docx)', en: 'files, folders or patterns (*.docx)' },
  'cli.check.opt.sector': {
    nl: 'sector: wmo, jeugd, zorg, kinderopvang, onderwijs of algemeen (standaard: herkend uit de tekst)',
    en: 'sector: wmo, jeugd, zorg, kinderopvang, onderwijs or algemeen (default: detected from the text)',
  },
  'cli.check.opt.format': {
    nl: 'uitvoerformaat: stylish, json, sarif, junit, csv, markdown of html (standaard stylish)',
    en: 'output format: stylish, json, sarif, junit, csv, markdown or html (default stylish)',
  },
  'cli.check.opt.output': { nl: 'schrijf het rapport naar dit bestand in plaats van naar het scherm', en: 'write the report to this file instead of the screen' },
  'cli.check.opt.report': {
    nl: 'schrijf ook een rapport in een ander formaat, bv. json=uit.json (herhaalbaar)',
    en: 'also write a report in another format, e.g. json=out.json (repeatable)',
  },
  'cli.check.opt.csvDelimiter': { nl: "scheidingsteken voor csv: ',' (standaard) of ';' voor Nederlandse Excel", en: "csv delimiter: ',' (default) or ';' for Dutch Excel" },
  'cli.check.opt.jobs': { nl: 'aantal documenten tegelijk (standaard: aantal processorkernen)', en: 'number of documents at a time (default: number of CPU cores)' },
  'cli.check.opt.timeout': { nl: 'maximale verwerkingstijd per document in seconden', en: 'maximum processing time per document in seconds' },
  'cli.check.opt.maxFileSize': { nl: 'maximale bestandsgrootte in MB', en: 'maximum file size in MB' },
  'cli.check.opt.maxPages': { nl: "maximaal aantal pagina's per PDF", en: 'maximum number of pages per PDF' },
  'cli.check.opt.zipMaxSize': { nl: 'maximale uitgepakte grootte van een .zip met inzendingen in MB (standaard 500)', en: 'maximum decompressed size of a .zip of submissions in MB (default 500)' },
  'cli.check.opt.zipMaxEntries': { nl: 'maximaal aantal bestanden in een .zip met inzendingen (standaard 1000)', en: 'maximum number of files in a .zip of submissions (default 1000)' },
  'cli.check.opt.maxMemory': {
    nl: 'geheugenlimiet per werkthread in MB (standaard: de helft van het geheugen per thread, 512 tot 2048)',
    en: 'memory limit per worker thread in MB (default: half the memory per thread, 512 to 2048)',
  },
  'cli.check.opt.maxDecompressedSize': { nl: 'maximale uitgepakte grootte van een .docx in MB', en: 'maximum decompressed size of a .docx in MB' },
  'cli.check.opt.color': { nl: 'altijd kleuren (ook via FORCE_COLOR)', en: 'always colours (also via FORCE_COLOR)' },
  'cli.check.opt.noColor': { nl: 'geen kleuren (ook via NO_COLOR)', en: 'no colours (also via NO_COLOR)' },
  'cli.check.opt.noProgress': { nl: 'geen voortgangsbalk', en: 'no progress bar' },
  'cli.check.opt.quiet': { nl: 'toon alleen tekorten die tot afsluitcode 1 leiden (zie --fail-on)', en: 'show only the gaps that lead to exit code 1 (see --fail-on)' },
  'cli.check.opt.failOn': {
    nl: 'afsluitcode 1 bij tekorten vanaf dit niveau: error, warning of info (standaard error: een meldcode die niet voldoet of geen meldcode is)',
    en: 'exit code 1 for gaps from this level: error, warning or info (default error: a meldcode that does not comply, or is not a meldcode)',
  },
  'cli.check.opt.maxWarnings': { nl: 'afsluitcode 1 bij meer dan n waarschuwingen', en: 'exit code 1 with more than n warnings' },
  'cli.check.opt.exitZero': { nl: 'afsluitcode 0, ook bij tekorten (onleesbare bestanden geven nog steeds 2)', en: 'exit code 0 even with gaps (unreadable files still give 2)' },
  'cli.check.opt.config': {
    nl: 'configuratiebestand (standaard: meldcode.config.json of .yaml, gezocht vanaf de huidige map naar boven)',
    en: 'config file (default: meldcode.config.json or .yaml, searched from the current folder upwards)',
  },
  'cli.check.opt.waivers': {
    nl: 'bestand met uitzonderingen (standaard: meldcode-waivers.yaml naast de configuratie of in de huidige map)',
    en: 'waiver file (default: meldcode-waivers.yaml beside the config or in the current folder)',
  },
  'cli.check.opt.baseline': {
    nl: 'basislijn: alleen tekorten die er niet in staan laten de controle falen',
    en: 'baseline: only gaps that are not in it fail the run',
  },
  'cli.check.opt.writeBaseline': {
    nl: 'schrijf de huidige tekorten als basislijn naar dit bestand (afsluitcode 0, behalve bij onleesbare bestanden)',
    en: 'write the current gaps as a baseline to this file (exit code 0, except for unreadable files)',
  },
  'cli.waivers.description': { nl: 'uitzonderingen (meldcode-waivers.yaml) controleren', en: 'check waivers (meldcode-waivers.yaml)' },
  'cli.waivers.check.description': {
    nl: "controleer een uitzonderingenbestand: verplichte velden, datums, onderdeel-ID's, verlopen en bijna verlopen uitzonderingen (afsluitcode 1 bij fouten)",
    en: 'check a waiver file: required fields, dates, rule IDs, expired and soon expiring waivers (exit code 1 on errors)',
  },
  'cli.waivers.check.arg': {
    nl: 'het bestand (standaard: meldcode-waivers.yaml, gevonden zoals bij check)',
    en: 'the file (default: meldcode-waivers.yaml, found as check finds it)',
  },
  'cli.schema.description': {
    nl: 'toon het JSON Schema van de configuratie, de uitzonderingen, de basislijn of het JSON-rapport',
    en: 'print the JSON Schema of the config, the waivers, the baseline or the JSON report',
  },
  'cli.schema.arg': { nl: 'config, waivers, baseline of report', en: 'config, waivers, baseline or report' },
  'cli.usage.waivers': { nl: '<opdracht> [opties]', en: '<command> [options]' },
  'cli.usage.waiversCheck': { nl: '[opties] [bestand]', en: '[options] [file]' },
  'cli.usage.schema': { nl: '<config|waivers|baseline|report>', en: '<config|waivers|baseline|report>' },
  'cli.rules.description': { nl: 'toon alle onderdelen met ernst, grondslag en sectoren', en: 'list all elements with severity, legal basis and sectors' },
  'cli.rules.opt.format': { nl: 'uitvoerformaat: table (standaard) of json', en: 'output format: table (default) or json' },
  'cli.explain.description': { nl: 'leg een onderdeel uit: wat de wet vraagt, wanneer het aanwezig is, voorbeeld en advies', en: 'explain an element: what the law requires, when it is present, example and advice' },
  'cli.explain.arg': { nl: 'ID van het onderdeel, bv. M04', en: 'ID of the element, e.g. M04' },
  'cli.explain.opt.format': { nl: 'uitvoerformaat: text (standaard) of json', en: 'output format: text (default) or json' },

  // ── CLI: usage errors (one line each) ─────────────────────────────────────────────
  'err.seeHelp': { nl: 'zie meldcode --help', en: 'see meldcode --help' },
  'err.unknownLang': { nl: "onbekende taal '{value}': kies nl of en", en: "unknown language '{value}': choose nl or en" },
  'err.unknownSector': { nl: "onbekende sector '{value}': kies uit {choices}", en: "unknown sector '{value}': choose from {choices}" },
  'err.unknownFormat': { nl: "onbekend formaat '{value}': kies uit {choices}", en: "unknown format '{value}': choose from {choices}" },
  'err.unknownFailOn': { nl: "onbekend niveau '{value}' voor --fail-on: kies error, warning of info", en: "unknown level '{value}' for --fail-on: choose error, warning or info" },
  'err.notPositiveInt': { nl: "{option} verwacht een geheel getal groter dan 0, niet '{value}'", en: "{option} expects a whole number greater than 0, not '{value}'" },
  'err.notNonNegativeInt': { nl: "{option} verwacht een geheel getal van 0 of meer, niet '{value}'", en: "{option} expects a whole number of 0 or more, not '{value}'" },
  'err.notPositiveNumber': { nl: "{option} verwacht een getal groter dan 0, niet '{value}'", en: "{option} expects a number greater than 0, not '{value}'" },
  'err.badDelimiter': { nl: "ongeldig scheidingsteken '{value}': gebruik één teken, bv. ',' of ';' (of 'tab')", en: "invalid delimiter '{value}': use one character, e.g. ',' or ';' (or 'tab')" },
  'err.badReport': { nl: "ongeldige waarde '{value}' voor --report: gebruik formaat=bestand, bv. json=uit.json", en: "invalid value '{value}' for --report: use format=file, e.g. json=out.json" },
  'err.noInputs': { nl: 'geen invoer: noem een of meer bestanden of mappen, bv. meldcode check meldcode.docx', en: 'no input: name one or more files or folders, e.g. meldcode check meldcode.docx' },
  'err.unknownOption': { nl: "onbekende optie '{option}'", en: "unknown option '{option}'" },
  'err.didYouMean': { nl: '(bedoelde u {suggestion}?)', en: '(did you mean {suggestion}?)' },
  'err.optionMissingArgument': { nl: '{option} verwacht een waarde', en: '{option} expects a value' },
  'err.missingArgument': { nl: "argument '{name}' ontbreekt", en: "missing argument '{name}'" },
  'err.excessArguments': { nl: "te veel argumenten voor '{command}'", en: "too many arguments for '{command}'" },
  'err.unknownCommand': { nl: "onbekende opdracht '{command}'", en: "unknown command '{command}'" },
  'err.unknownRule': { nl: "onbekend onderdeel '{value}'. Geldige ID's: {ids}", en: "unknown element '{value}'. Valid IDs: {ids}" },
  'err.ruleFile': { nl: 'fout in regelbestand {file}{field}: {problem}', en: 'error in rule file {file}{field}: {problem}' },
  'err.ruleFileField': { nl: ', veld {field}', en: ', field {field}' },
  'err.noDocuments': { nl: 'geen documenten gevonden in {inputs} (.docx, .pdf, .md of .txt)', en: 'no documents found in {inputs} (.docx, .pdf, .md or .txt)' },
  'err.unmatched': { nl: "patroon '{pattern}' vindt geen bestanden", en: "pattern '{pattern}' matches no files" },
  'err.outputIsInput': { nl: 'weigering: {file} is een invoerbestand en wordt niet overschreven', en: 'refused: {file} is an input file and will not be overwritten' },
  'err.outputDirMissing': { nl: 'map bestaat niet: {dir} (voor {file})', en: 'folder does not exist: {dir} (for {file})' },
  'err.outputIsDir': { nl: '{file} is een map; geef een bestandsnaam op', en: '{file} is a folder; give a file name' },
  'err.outputTwice': { nl: '{file} is twee keer als uitvoer opgegeven', en: '{file} is given twice as output' },
  'err.outputWrite': { nl: 'kan {file} niet schrijven: {reason}', en: 'cannot write {file}: {reason}' },
  'err.outputStdoutTwice': { nl: 'slechts één rapport kan naar het scherm; geef bij --report een bestandsnaam op', en: 'only one report can go to the screen; give a file name with --report' },
  'err.internal': { nl: 'interne fout: {message}{hint}', en: 'internal error: {message}{hint}' },
  'err.internalHint': { nl: ' (details: MELDCODE_DEBUG=1)', en: ' (details: MELDCODE_DEBUG=1)' },
  'err.didYouMeanCommand': { nl: "'{file}' is geen bestand en geen opdracht; bedoelde u 'meldcode {command}'?", en: "'{file}' is neither a file nor a command; did you mean 'meldcode {command}'?" },

  'err.unknownSchema': { nl: "onbekend schema '{value}': kies uit {choices}", en: "unknown schema '{value}': choose from {choices}" },
  'err.noWaiversFile': {
    nl: 'geen uitzonderingenbestand gevonden (meldcode-waivers.yaml); noem een bestand, bv. meldcode waivers check beleid/meldcode-waivers.yaml',
    en: 'no waiver file found (meldcode-waivers.yaml); name a file, e.g. meldcode waivers check policy/meldcode-waivers.yaml',
  },

  // ── CLI: notes on stderr ──────────────────────────────────────────────────────────
  'note.written': { nl: 'rapport ({format}) geschreven naar {file}', en: 'report ({format}) written to {file}' },
  'note.maxWarnings': { nl: '{n} waarschuwingen, meer dan het maximum van {max} (--max-warnings)', en: '{n} warnings, more than the maximum of {max} (--max-warnings)' },
  'note.maxWarnings1': { nl: '1 waarschuwing, meer dan het maximum van 0 (--max-warnings)', en: '1 warning, more than the maximum of 0 (--max-warnings)' },
  'note.maxWarningsQuiet': { nl: '--quiet verbergt de waarschuwingen; zonder --quiet ziet u welke', en: '--quiet hides the warnings; run without --quiet to see which' },

  'note.waiverExpired': {
    nl: '{where}: uitzondering voor {rule} is verlopen op {date}; het tekort telt weer mee',
    en: '{where}: waiver for {rule} expired on {date}; the finding counts again',
  },
  'note.waiverExpiredUnused': {
    nl: '{where}: uitzondering voor {rule} is verlopen op {date} en dekt geen tekort meer; verwijder haar',
    en: '{where}: waiver for {rule} expired on {date} and covers no finding any more; remove it',
  },
  'note.waiverUnused': {
    nl: '{where}: uitzondering voor {rule} dekt geen tekort (opgelost, ander document of tikfout in het patroon); verwijder of corrigeer haar',
    en: '{where}: waiver for {rule} covers no finding (fixed, another document or a typo in the pattern); remove or correct it',
  },
  'note.baseline': { nl: 'basislijn {file}: {matched} bekende tekorten, {new} nieuwe', en: 'baseline {file}: {matched} known gaps, {new} new' },
  'note.baselineStale': {
    nl: 'basislijn {file}: {n} verouderde regels (tekort opgelost of document weg); werk bij met --write-baseline {file}',
    en: 'baseline {file}: {n} stale entries (gap fixed or document gone); update with --write-baseline {file}',
  },
  'note.baselineStaleEntry': { nl: '  verouderd: {file} {rule} ({status})', en: '  stale: {file} {rule} ({status})' },
  'note.baselineStaleMore': { nl: '  … en nog {n}', en: '  … and {n} more' },
  'note.baselineWritten': { nl: 'basislijn met {n} tekorten geschreven naar {file}', en: 'baseline with {n} gaps written to {file}' },
  'note.ignoredAll': { nl: 'alle gevonden documenten vallen onder ignore in {file}; niets gecontroleerd', en: 'every document found matches ignore in {file}; nothing checked' },

  // ── waivers check ─────────────────────────────────────────────────────────────────
  'waivers.problem': { nl: '{where}: {level}: {problem}', en: '{where}: {level}: {problem}' },
  'waivers.ok': { nl: '{file}: geen problemen', en: '{file}: no problems' },
  'waivers.summary': { nl: '{file}: fouten: {errors}, waarschuwingen: {warnings}', en: '{file}: errors: {errors}, warnings: {warnings}' },

  // ── rules / explain ───────────────────────────────────────────────────────────────
  'rules.header': { nl: 'Regelset {version}: {name}', en: 'Rule set {version}: {name}' },
  'rules.inForce': { nl: 'In werking sinds {date}. {basis}', en: 'In force since {date}. {basis}' },
  'rules.legal': { nl: 'Wettelijke onderdelen', en: 'Legal elements' },
  'rules.goodPractice': { nl: 'Goede praktijk (advies, telt niet mee voor het oordeel)', en: 'Good practice (advice, does not count towards the verdict)' },
  'rules.footer': { nl: 'Uitleg bij een onderdeel: meldcode explain <ID>', en: 'Explanation of an element: meldcode explain <ID>' },
  'rules.all': { nl: 'alle sectoren', en: 'all sectors' },
  'rules.only': { nl: 'alleen {list}', en: 'only {list}' },
  'rules.except': { nl: 'alle behalve {list}', en: 'all except {list}' },
  'rules.decides': { nl: 'telt mee voor het oordeel', en: 'counts towards the verdict' },
  'rules.notDecides': { nl: 'telt niet mee voor het oordeel', en: 'does not count towards the verdict' },
  'explain.requirement': { nl: 'Wat de wet vraagt', en: 'What the law requires' },
  'explain.basis': { nl: 'Grondslag', en: 'Legal basis' },
  'explain.present': { nl: 'Aanwezig als', en: 'Present when' },
  'explain.partial': { nl: 'Gedeeltelijk als', en: 'Partial when' },
  'explain.missing': { nl: 'Ontbreekt als', en: 'Missing when' },
  'explain.missingText': {
    nl: 'Niets in het document behandelt het onderdeel. Alleen een vermelding in de inhoudsopgave, een titel of een verwijzing naar een ander document telt niet.',
    en: 'Nothing in the document addresses the element. A mere mention in the table of contents, a title or a link to another document does not count.',
  },
  'explain.example': { nl: 'Voorbeeld van een goede tekst', en: 'Example of good text' },
  'explain.advice': { nl: 'Advies bij een tekort', en: 'Advice for a gap' },
  'explain.inForce': { nl: 'in werking sinds {date}', en: 'in force since {date}' },
  'explain.more': { nl: 'Meer', en: 'More' },
  'explain.parent': { nl: 'onderdeel van {id}', en: 'part of {id}' },

  // ── SARIF / JUnit texts ───────────────────────────────────────────────────────────
  'sarif.anchoredStart': { nl: 'geen vindplaats in de tekst; verankerd aan het begin van het document', en: 'no place in the text; anchored at the start of the document' },
  'sarif.anchoredHeading': { nl: 'verwacht bij {where}', en: 'expected at {where}' },
  'sarif.onPage': { nl: 'pagina {n}', en: 'page {n}' },
  'sarif.notAMeldcode.title': { nl: 'Document is geen meldcode', en: 'Document is not a meldcode' },
  'sarif.notAMeldcode.full': {
    nl: 'Het document bevat geen stappenplan van een meldcode (bijvoorbeeld een klachtenregeling, nieuwsbericht of een pagina die alleen naar de meldcode verwijst).',
    en: 'The document has no meldcode stappenplan (for example a complaints procedure, a news item or a page that only links to the meldcode).',
  },
  'sarif.notAMeldcode.help': {
    nl: 'Controleer het document zelf: de meldcode met het stappenplan, niet een bericht of verwijzing erover.',
    en: 'Check the document itself: the meldcode with the stappenplan, not an item or link about it.',
  },
  'junit.notAMeldcode': { nl: 'Document is een meldcode', en: 'Document is a meldcode' },
  'junit.unreadable': { nl: 'Document kan worden gelezen', en: 'Document can be read' },
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;
export type Params = Record<string, string | number>;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (params[k] === undefined ? whole : String(params[k])));
}

/** The message `key` in `lang`, with {placeholders} filled in. */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const m: Text = MESSAGES[key];
  return fill(m[lang] ?? m.nl, params);
}

/** A translator bound to one language. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}

/** Picks the language of a {nl, en} text (rule titles, advice, input-error lines). */
export function local(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.nl;
}

export function isLang(v: unknown): v is Lang {
  return v === 'nl' || v === 'en';
}

/** Formats an ISO date (YYYY-MM-DD) as "1 januari 2019" / "1 January 2019". */
export function longDate(iso: string | Date, lang: Lang): string {
  const d = typeof iso === 'string' ? new Date(`${iso.slice(0, 10)}T12:00:00Z`) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: typeof iso === 'string' ? 'UTC' : undefined }).format(d);
}
