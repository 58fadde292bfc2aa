/**
 * One row per document: file, organisation, sector, verdict, one column per element with its
 * status, the missing and partial elements, a note. UTF-8 with BOM (Excel), RFC 4180 quoting,
 * and cells that a spreadsheet would run as a formula are neutralised with a leading quote.
 */
import { local, translator } from '../i18n/messages.js';
import { elementIds, errorText, gapIds, statusText, verdictText } from './common.js';
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
  const delimiter = options.csvDelimiter ?? ',';
  const ids = elementIds(input);
  const header = [tr('csv.file'), tr('csv.organisation'), tr('csv.sector'), tr('csv.verdict'), ...ids, tr('csv.missing'), tr('csv.partial'), tr('csv.note')];
  const rows: string[][] = [header];
  for (const d of input.documents) {
    const statuses = new Map(d.elements.map((e) => [e.id, e.status]));
    const meldcode = d.verdict === 'compliant' || d.verdict === 'non-compliant';
    const gaps = meldcode ? gapIds(d, input.ruleset.rules) : { missing: [], partial: [] };
    const note = d.verdict === 'error' ? errorText(d, lang) : d.documentType ? local(d.documentType.reason, lang) : '';
    rows.push([
      d.file,
      d.organisation?.name ?? '',
      d.sector?.value ?? '',
      verdictText(d.verdict, lang, true),
      ...ids.map((id) => (meldcode && statuses.has(id) ? statusText(statuses.get(id)!, lang) : '')),
      gaps.missing.join(' '),
      gaps.partial.join(' '),
      note,
    ]);
  }
  const text = rows.map((r) => r.map((c) => quoteCell(neutralise(c), delimiter)).join(delimiter)).join('\r\n');
  return `${BOM}${text}\r\n`;
};

export default csv;
