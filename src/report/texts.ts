/**
 * Texts that only the batch reports (html, markdown, stylish) use, in Dutch and English. The
 * shared texts live in src/i18n/messages.ts; these are kept here so the report layout can change
 * without touching the message table of the CLI. Placeholders are written {name}.
 */
import type { Lang, Params, Text } from '../i18n/messages.js';

export const REPORT_TEXTS = {
  'kpi.compliantOf': { nl: 'meldcodes voldoen aan artikel 2', en: 'meldcodes meet article 2' },
  'summary.mostGaps': {
    nl: 'Het vaakst schiet de meldcode tekort op: {list}.',
    en: 'The meldcodes most often fall short on: {list}.',
  },
  'summary.gapItem': { nl: '{title} ({k} van {n})', en: '{title} ({k} of {n})' },
  'summary.noGaps': { nl: 'Alle meldcodes bevatten alle verplichte onderdelen.', en: 'All meldcodes contain every required element.' },
  'summary.framework': {
    nl: 'Een meldcode voldoet aan artikel 2 als deze onderdelen aanwezig zijn: {list}. Gedeeltelijk aanwezig telt als niet aanwezig. {other} tellen niet mee voor het oordeel en worden als bevinding gemeld.',
    en: 'A meldcode meets article 2 when these elements are present: {list}. Partially present counts as not present. {other} do not count towards the verdict and are reported as findings.',
  },
  'summary.whereApplicable': { nl: '{id} (waar van toepassing)', en: '{id} (where applicable)' },
  'summary.skippedShort': { nl: 'overgeslagen', en: 'skipped' },
  'summary.notCounted': { nl: 'telt niet mee', en: 'not counted' },
  'summary.automated': {
    nl: 'Dit rapport is automatisch opgesteld op basis van de tekst van de documenten. Het ondersteunt de toezichthouder bij de beoordeling; het vervangt die niet.',
    en: 'This report was generated automatically from the text of the documents. It supports the supervisor’s assessment; it does not replace it.',
  },
  'summary.skipped': {
    nl: '{n} bestanden in de opgegeven mappen zijn niet onderzocht: {reasons}.',
    en: '{n} files in the given folders were not examined: {reasons}.',
  },
  'summary.skipped1': {
    nl: '1 bestand in de opgegeven mappen is niet onderzocht: {reasons}.',
    en: '1 file in the given folders was not examined: {reasons}.',
  },
  'summary.skippedReason': { nl: '{reason} ({n})', en: '{reason} ({n})' },
  'suppression.waiver': { nl: 'uitzondering', en: 'waived' },
  'suppression.baseline': { nl: 'basislijn', en: 'baselined' },
  'suppression.expired': { nl: 'uitzondering verlopen', en: 'waiver expired' },
  'csv.suppressed': { nl: 'uitgezonderd', en: 'suppressed' },
  'docs.nr': { nl: 'Nr.', en: 'No.' },
  'docs.provider': { nl: 'Organisatie en bestand', en: 'Organisation and file' },
  'docs.other': { nl: 'overig', en: 'other' },
  'docs.otherNote': {
    nl: 'Onder „overig” staan bevindingen bij onderdelen die niet meetellen voor het oordeel ({ids}).',
    en: 'Under “other” are findings on elements that do not count towards the verdict ({ids}).',
  },
  'docs.outdated': { nl: 'verouderde tekst ({era})', en: 'outdated text ({era})' },
  'docs.outdatedMarkers': { nl: 'verouderde verwijzingen', en: 'outdated references' },
  'docs.unknownOrganisation': { nl: 'organisatie niet herkend', en: 'organisation not recognised' },
  'doc.position': { nl: 'Document {i} van {n}', en: 'Document {i} of {n}' },
  'doc.conclusion.compliant': {
    nl: 'De meldcode voldoet aan artikel 2 van het Besluit verplichte meldcode.',
    en: 'The meldcode meets article 2 of the Besluit verplichte meldcode.',
  },
  'doc.conclusion.nonCompliant': {
    nl: 'De meldcode voldoet niet aan artikel 2 van het Besluit verplichte meldcode. De meldcode moet op {n} punten worden aangepast.',
    en: 'The meldcode does not meet article 2 of the Besluit verplichte meldcode. It must be amended on {n} points.',
  },
  'doc.conclusion.nonCompliant1': {
    nl: 'De meldcode voldoet niet aan artikel 2 van het Besluit verplichte meldcode. De meldcode moet op 1 punt worden aangepast.',
    en: 'The meldcode does not meet article 2 of the Besluit verplichte meldcode. It must be amended on 1 point.',
  },
  'doc.gaps': { nl: 'Tekortkomingen (artikel 2)', en: 'Shortcomings (article 2)' },
  'doc.otherFindings': { nl: 'Overige bevindingen (tellen niet mee voor het oordeel)', en: 'Other findings (do not count towards the verdict)' },
  'doc.allElements': { nl: 'Overzicht van alle onderdelen', en: 'All elements' },
  'doc.found': { nl: 'Gevonden in de tekst', en: 'Found in the text' },
  'doc.nothingFound': { nl: 'Niets gevonden in de tekst.', en: 'Nothing found in the text.' },
  'doc.seeAbove': { nl: 'zie hierboven', en: 'see above' },
  'doc.seeIds': { nl: 'zie {ids} hierboven', en: 'see {ids} above' },
  'doc.outdatedNotice': {
    nl: 'De tekst bevat verouderde verwijzingen. Bijwerken:',
    en: 'The text contains outdated references. To update:',
  },
  'doc.locationLabel': { nl: 'Vindplaats', en: 'Location' },
  'doc.gpAdvice': { nl: 'Advies', en: 'Advice' },
  'print.page': { nl: 'pagina', en: 'page' },
  'print.of': { nl: 'van', en: 'of' },
} as const satisfies Record<string, Text>;

export type ReportTextKey = keyof typeof REPORT_TEXTS;
export type ReportTranslate = (key: ReportTextKey, params?: Params) => string;

export function reportTranslator(lang: Lang): ReportTranslate {
  return (key, params) => {
    const m: Text = REPORT_TEXTS[key];
    const s = m[lang] ?? m.nl;
    return params ? s.replace(/\{(\w+)\}/g, (whole, k: string) => (params[k] === undefined ? whole : String(params[k]))) : s;
  };
}
