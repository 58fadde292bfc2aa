/** One line per input-error cause, in Dutch and English. `{file}` and detail keys are filled in. */
import type { InputError, InputErrorCause } from '../load/errors.js';
import type { LocalText } from '../rules/schema.js';

const LINES: Record<InputErrorCause, LocalText> = {
  'not-found': { nl: 'bestand niet gevonden{reason}', en: 'file not found{reason}' },
  unreadable: { nl: 'bestand kan niet worden gelezen (geen leesrechten)', en: 'file cannot be read (no read permission)' },
  'is-directory': { nl: 'dit is een map, geen bestand', en: 'this is a folder, not a file' },
  empty: { nl: 'leeg bestand (geen tekst)', en: 'empty file (no text)' },
  damaged: { nl: 'beschadigd bestand: het kan niet worden gelezen{reason}', en: 'damaged file: it cannot be read{reason}' },
  encrypted: { nl: 'versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op', en: 'encrypted PDF (password protected): save it without protection' },
  'no-text-layer': { nl: 'gescand document zonder tekstlaag: lever de tekst aan als .docx of als PDF met tekst (OCR)', en: 'scanned document without a text layer: supply it as .docx or as a PDF with text (OCR)' },
  'unsupported-format': { nl: 'niet-ondersteund formaat{format}: gebruik .docx, .pdf, .md of .txt', en: 'unsupported format{format}: use .docx, .pdf, .md or .txt' },
  'legacy-doc': { nl: 'oud Word-formaat (.doc): open het in Word of LibreOffice en sla het op als .docx', en: 'legacy Word format (.doc): open it in Word or LibreOffice and save it as .docx' },
  odt: { nl: 'OpenDocument-tekst (.odt): sla het op als .docx of PDF', en: 'OpenDocument text (.odt): save it as .docx or PDF' },
  rtf: { nl: 'RTF-bestand: sla het op als .docx of PDF', en: 'RTF file: save it as .docx or PDF' },
  pages: { nl: 'Apple Pages-bestand: exporteer het als .docx of PDF', en: 'Apple Pages file: export it as .docx or PDF' },
  'too-large': { nl: 'bestand is te groot (limiet {limit}; wijzig met {flag})', en: 'file is too large (limit {limit}; change with {flag})' },
  'too-many-pages': { nl: 'te veel pagina\'s (limiet {limit}; wijzig met {flag})', en: 'too many pages (limit {limit}; change with {flag})' },
  'zip-bomb': { nl: 'uitgepakte inhoud te groot of te veel onderdelen (limiet {limit}; wijzig met {flag})', en: 'decompressed content too large or too many entries (limit {limit}; change with {flag})' },
  binary: { nl: 'binaire gegevens, geen tekstdocument', en: 'binary data, not a text document' },
  timeout: { nl: 'verwerking duurde te lang (limiet {limit}; wijzig met {flag})', en: 'processing took too long (limit {limit}; change with {flag})' },
  crashed: { nl: 'het lezen van dit bestand is vastgelopen{reason}', en: 'reading this file crashed{reason}' },
  'no-match': { nl: 'patroon vindt geen bestanden', en: 'pattern matches no files' },
};

/** A worker that ran out of its heap (cause 'crashed', detail.kind 'memory'). */
const OUT_OF_MEMORY: LocalText = { nl: 'te veel geheugen nodig (limiet {limit}; wijzig met {flag})', en: 'needed too much memory (limit {limit}; change with {flag})' };

/** Dutch for the fixed reasons our own loaders give (a parser's own message stays as it is). */
const REASONS_NL: Record<string, string> = {
  'the content is plain text, not a .docx': 'de inhoud is platte tekst, geen .docx',
  'the content is plain text, not a PDF': 'de inhoud is platte tekst, geen PDF',
  'not a zip archive, so not a .docx': 'geen zip-archief, dus geen .docx',
  'no PDF header': 'geen PDF-kop',
  'symbolic link loop': 'de snelkoppeling verwijst in een kring naar zichzelf',
  'end-of-central-directory record not found': 'het einde van het zip-archief ontbreekt; was de download of kopie onvolledig?',
  'too short for a zip': 'te kort voor een zip-archief',
  'central directory outside the file': 'de inhoudsopgave van het zip-archief valt buiten het bestand',
  'bad central directory entry': 'een onderdeel in de inhoudsopgave van het zip-archief is beschadigd',
  'central directory entry truncated': 'de inhoudsopgave van het zip-archief is afgebroken',
  'no document': 'geen documentinhoud',
  'no pages': "geen pagina's",
};

export function inputErrorText(cause: InputErrorCause, detail: Record<string, string | number> = {}): LocalText {
  const base = cause === 'crashed' && detail.kind === 'memory' && detail.flag ? OUT_OF_MEMORY : (LINES[cause] ?? LINES.damaged);
  const fill = (s: string, lang: 'nl' | 'en') =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => {
      let v = detail[k];
      if (k === 'reason' && lang === 'nl' && typeof v === 'string') v = REASONS_NL[v] ?? v;
      if (k === 'reason' || k === 'format') return v === undefined || v === '' ? '' : ` (${v})`;
      return v === undefined ? '?' : String(v);
    });
  return { nl: fill(base.nl, 'nl'), en: fill(base.en, 'en') };
}

export function inputErrorMessage(err: InputError): LocalText {
  return inputErrorText(err.cause, err.detail);
}
