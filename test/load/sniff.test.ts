import { describe, expect, it } from 'vitest';
import { inputErrorText } from '../../src/i18n/input-errors.js';
import { strToU8, zipSync } from 'fflate';
import { decodeAnyText, decodeText, decodeWindows1252, looksLikeMarkdown, sniff } from '../../src/load/sniff.js';

const u8 = (s: string) => new TextEncoder().encode(s);

describe('sniff', () => {
  it('detects PDF by its header, also after leading junk, regardless of extension', () => {
    expect(sniff('x.docx', u8('%PDF-1.7\n...')).kind).toBe('pdf');
    expect(sniff('x.bin', u8('\n\n  junk %PDF-1.4\n')).kind).toBe('pdf');
  });

  it('zero bytes are empty', () => {
    expect(sniff('leeg.docx', new Uint8Array(0))).toEqual({ kind: 'refuse', cause: 'empty' });
  });

  it('zip with word/document.xml is docx, even named .pdf', () => {
    const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(sniff('x.pdf', zip).kind).toBe('docx');
  });

  it('OpenDocument text is odt; other zips are unsupported', () => {
    const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<x/>') });
    expect(sniff('x.odt', odt)).toMatchObject({ kind: 'refuse', cause: 'odt' });
    const other = zipSync({ 'readme.txt': strToU8('hallo') });
    expect(sniff('x.docx', other)).toMatchObject({ kind: 'refuse', cause: 'unsupported-format' });
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<x/>') });
    expect(sniff('x.xlsx', xlsx)).toMatchObject({ kind: 'refuse', cause: 'unsupported-format', format: 'xlsx' });
  });

  it('OLE2 is a legacy .doc, RTF is rtf, HTML is unsupported', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(sniff('x.doc', ole)).toMatchObject({ kind: 'refuse', cause: 'legacy-doc' });
    expect(sniff('x.docx', u8('{\\rtf1\\ansi hallo}'))).toMatchObject({ kind: 'refuse', cause: 'rtf' });
    expect(sniff('x.md', u8('<!DOCTYPE html>\n<html><body>x</body></html>'))).toMatchObject({ kind: 'refuse', cause: 'unsupported-format', format: 'HTML' });
    expect(sniff('x.txt', u8('<html lang="nl"><p>x</p></html>'))).toMatchObject({ cause: 'unsupported-format' });
  });

  it('binary data is binary; text with NUL bytes too', () => {
    const bin = new Uint8Array(256).map((_, i) => (i * 7) % 256);
    expect(sniff('x.md', bin)).toMatchObject({ kind: 'refuse', cause: 'binary' });
    expect(sniff('x.txt', u8('hallo\u0000wereld'))).toMatchObject({ cause: 'binary' });
  });

  it('text: .md is markdown; markdown-looking .txt-less files are markdown; plain text otherwise', () => {
    expect(sniff('a.md', u8('gewoon tekst')).kind).toBe('md');
    expect(sniff('a.markdown', u8('gewoon tekst')).kind).toBe('md');
    expect(sniff('a', u8('# Kop\n\nTekst met **vet**.\n\n## Tweede\n')).kind).toBe('md');
    expect(sniff('a.txt', u8('# Kop\n\nTekst.\n')).kind).toBe('txt');
    expect(sniff('a', u8('Gewone tekst zonder opmaak.\nNog een regel.')).kind).toBe('txt');
    expect(sniff('a.md', u8('   \n\n  ')).kind).toBe('refuse');
  });

  it('decodes UTF-16 with a BOM and strips a UTF-8 BOM; rejects invalid UTF-8', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Array.from('Hé').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText(le)).toBe('Hé');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeText(new Uint8Array([0x41, 0xff, 0x42]))).toBeUndefined();
    const r = sniff('a.md', le);
    expect(r).toMatchObject({ kind: 'md', text: 'Hé' });
  });

  it('reads text that is not valid UTF-8: Windows-1252, or UTF-8 with a few broken bytes; binary stays binary', () => {
    const ansi = new Uint8Array([...u8('De cli'), 0xeb, ...u8('nt'), 0x92, ...u8('s zorg '), 0x80, ...u8(' 5 '), 0x96, ...u8(' klaar')]);
    expect(decodeAnyText(ansi)).toEqual({ text: 'De cliënt’s zorg € 5 – klaar', warning: 'tekst: geen geldige UTF-8; gelezen als Windows-1252' });
    const broken = new Uint8Array([...u8('één cliënt '), 0xff, ...u8(' verder')]);
    expect(decodeAnyText(broken)).toEqual({ text: 'één cliënt \uFFFD verder', warning: 'tekst: ongeldige UTF-8-tekens vervangen door \uFFFD' });
    expect(decodeAnyText(new Uint8Array(300).map((_, i) => (i * 37 + 11) % 256))).toBeUndefined();
    expect(decodeAnyText(u8('gewoon'))).toEqual({ text: 'gewoon' });
    expect(decodeWindows1252(new Uint8Array([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0xe9]))).toBe('€…‘’“”é');
    expect(sniff('a.md', ansi)).toMatchObject({ kind: 'md', text: 'De cliënt’s zorg € 5 – klaar', warning: expect.stringContaining('Windows-1252') });
  });

  it('binary data named .docx or .pdf is a damaged document, elsewhere binary', () => {
    const bin = new Uint8Array(256).map((_, i) => (i * 7) % 256);
    expect(sniff('x.docx', bin)).toEqual({ kind: 'refuse', cause: 'damaged', reason: 'not a zip archive, so not a .docx' });
    expect(sniff('x.pdf', bin)).toEqual({ kind: 'refuse', cause: 'damaged', reason: 'no PDF header' });
    expect(sniff('x.bin', bin)).toEqual({ kind: 'refuse', cause: 'binary' });
  });

  it('plain text named .docx or .pdf is a damaged document (Word cannot open it either), not a text to judge', () => {
    const text = u8('# Meldcode\n\nStap 1: signalen in kaart brengen.\n');
    expect(sniff('inzending.docx', text)).toEqual({ kind: 'refuse', cause: 'damaged', reason: 'the content is plain text, not a .docx' });
    expect(sniff('INZENDING.PDF', text)).toEqual({ kind: 'refuse', cause: 'damaged', reason: 'the content is plain text, not a PDF' });
    expect(sniff('inzending.md', text)).toMatchObject({ kind: 'md' });
    expect(inputErrorText('damaged', { reason: 'end-of-central-directory record not found' }).nl).toBe(
      'beschadigd bestand: het kan niet worden gelezen (het einde van het zip-archief ontbreekt; was de download of kopie onvolledig?)',
    );
    expect(inputErrorText('damaged', { reason: 'pdf.js: Invalid XRef' }).nl).toBe('beschadigd bestand: het kan niet worden gelezen (pdf.js: Invalid XRef)');
    expect(inputErrorText('damaged', { reason: 'the content is plain text, not a .docx' })).toEqual({
      nl: 'beschadigd bestand: het kan niet worden gelezen (de inhoud is platte tekst, geen .docx)',
      en: 'damaged file: it cannot be read (the content is plain text, not a .docx)',
    });
  });

  it('looksLikeMarkdown needs real markdown signals', () => {
    expect(looksLikeMarkdown('# Titel\n\n## Sub\n\n- a')).toBe(true);
    expect(looksLikeMarkdown('Een brief.\nMet regels.')).toBe(false);
  });
});
