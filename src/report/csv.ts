/**
 * One row per document: file, organisation, sector, verdict, one column per element with its
 * status, the open missing and partial elements, the suppressed ones, a note. UTF-8 with BOM
 * (Excel), RFC 4180 quoting, and cells that a spreadsheet would run as a formula are neutralised
 * with a leading quote.
 *
 * A finding under a waiver or baseline entry reads "ontbreekt (uitzondering)" / "missing (waived)"
 * (or "(basislijn)" / "(baselined)") in its element column and is listed under `uitgezonderd`,
 * not under `ontbreekt`/`gedeeltelijk`: those list the open gaps. A finding whose waiver expired
 * is open again: "ontbreekt (uitzondering verlopen)", and listed as open.
 */
import type { ElementResult } from '../engine/result.js';
import { local, translator } from '../i18n/messages.js';
import { elementIds, errorText, gapIds, isOpenGap, isSuppressed, statusWithSuppression, verdictText } from './common.js';
import { reportTranslator } from './texts.js';
import type { ReportInput, ReportOptions, Reporter } from './types.js';

const BOM = '\uFEFF';

/** Prefixes a quote to cells that start like a formula (=, +, -, @, tab, CR). */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote when the cell holds the delimiter, a quote, CR or LF; double inner quotes. */
export function quoteCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export const csv: Reporter = (input: ReportInput, options: ReportOptions) => {
  const lang = options.lang;
  const tr = translator(lang);
  const rt = reportTranslator(lang);
  const delimiter = options.csvDelimiter ?? ',';
  const ids = elementIds(input);
  const header = [tr('csv.file'), tr('csv.organisation'), tr('csv.sector'), tr('csv.verdict'), ...ids, tr('csv.missing'), tr('csv.partial'), rt('csv.suppressed'), tr('csv.note')];
  const rows: string[][] = [header];
  const none = { missing: [], partial: [] };
  for (const d of input.documents) {
    const byId = new Map<string, ElementResult>(d.elements.map((e) => [e.id, e]));
    const meldcode = d.verdict === 'compliant' || d.verdict === 'non-compliant';
    const open = meldcode ? gapIds(d, input.ruleset.rules, isOpenGap) : none;
    const suppressed = meldcode ? gapIds(d, input.ruleset.rules, isSuppressed) : none;
    const note = d.verdict === 'error' ? errorText(d, lang) : d.documentType ? local(d.documentType.reason, lang) : '';
    rows.push([
      d.file,
      d.organisation?.name ?? '',
      d.sector?.value ?? '',
      verdictText(d.verdict, lang, true),
      ...ids.map((id) => (meldcode && byId.has(id) ? statusWithSuppression(byId.get(id)!, lang) : '')),
      open.missing.join(' '),
      open.partial.join(' '),
      [...suppressed.missing, ...suppressed.partial].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).join(' '),
      note,
    ]);
  }
  const text = rows.map((r) => r.map((c) => quoteCell(neutralise(c), delimiter)).join(delimiter)).join('\r\n');
  return `${BOM}${text}\r\n`;
};

export default csv;
