/**
 * Bad inputs for the robustness tests, generated at test time (no binaries in the repository):
 * zip bombs built from one small fflate chunk, XML entity bombs, deep nesting, encrypted and
 * scripted PDFs from pdfkit, legacy formats, broken encodings. Everything is written to a
 * temporary folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { Deflate, deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { InputErrorCause } from '../../src/load/errors.js';
import { tmpDir as makeTmpDir, write } from '../helpers/files.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_MD = readFileSync(path.join(ROOT, 'fixtures/voorbeeld/meldcode-de-waterlinie.md'), 'utf8');

export function tmpDir(prefix = 'meldcode-robust-'): { dir: string; cleanup: () => void } {
  return makeTmpDir(prefix);
}

export { write };

// ---------------------------------------------------------------------------------------------
// Zip writing (enough of the format to lie in headers and to store pre-compressed data)

export interface RawEntry {
  name: string;
  /** Uncompressed bytes (compressed here), or … */
  data?: Uint8Array;
  /** … raw deflate data with its real size and CRC. */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** Size written into the headers instead of the real one (a lying header). */
  declaredSize?: number;
}

const crc32 = (b: Uint8Array): number => zlib.crc32(b) >>> 0;

/** A zip with deflated entries and a central directory; sizes may lie (declaredSize). */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const comp = e.deflated?.bytes ?? deflateSync(e.data ?? new Uint8Array(0), { level: 6 });
    const size = e.declaredSize ?? e.deflated?.size ?? e.data!.length;
    const crc = e.deflated?.crc ?? crc32(e.data ?? new Uint8Array(0));
    const lh = new Uint8Array(30 + name.length);
    const l = new DataView(lh.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, 8, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, comp.length, true);
    l.setUint32(22, size, true);
    l.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const c = new DataView(ch.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, 8, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, comp.length, true);
    c.setUint32(24, size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    ch.set(name, 46);
    locals.push(lh, comp);
    central.push(ch);
    offset += lh.length + comp.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = new Uint8Array(22);
  const d = new DataView(end.buffer);
  d.setUint32(0, 0x06054b50, true);
  d.setUint16(8, entries.length, true);
  d.setUint16(10, entries.length, true);
  d.setUint32(12, cdSize, true);
  d.setUint32(16, offset, true);
  return concat([...locals, ...central, end]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Raw deflate data for `mb` MiB of zeros, built from one fflate chunk: 1 MiB of zeros deflated
 * and flushed to a byte boundary (non-final blocks whose matches only reach back into zeros), so
 * the chunk can be repeated; a final empty fixed-Huffman block ends the stream. 1 GiB costs ~1 MB
 * and no time.
 */
export function zerosDeflated(mb: number): { bytes: Uint8Array; size: number; crc: number } {
  const chunks: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => chunks.push(c));
  const mib = new Uint8Array(1 << 20);
  d.push(mib);
  d.flush(true);
  const unit = concat(chunks);
  const body = new Uint8Array(unit.length * mb + 2);
  for (let i = 0; i < mb; i++) body.set(unit, i * unit.length);
  body.set([0x03, 0x00], unit.length * mb); // BFINAL=1, fixed Huffman, end of block
  // CRC of mb MiB of zeros, chunk by chunk (zlib.crc32 takes a running value).
  let crc = 0;
  for (let i = 0; i < mb; i++) crc = zlib.crc32(mib, crc);
  return { bytes: body, size: mb * (1 << 20), crc: crc >>> 0 };
}

// ---------------------------------------------------------------------------------------------
// .docx

const CT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal hand-made .docx around a document.xml body. */
export function docxWithBody(bodyXml: string, prolog = ''): Uint8Array {
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}<w:document xmlns:w="${W}"><w:body>${bodyXml}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(CT), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(doc) });
}

const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const BODY_TEXT = 'De medewerker brengt signalen in kaart en overlegt met de aandachtsfunctionaris over de volgende stap.';

/** A small real .docx (made with the docx package). */
export async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'test',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Meldcode huiselijk geweld en kindermishandeling')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Stap 1: Signalen in kaart brengen')] }),
          new Paragraph({ children: [new TextRun(BODY_TEXT)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Stap 2: Collegiale consultatie')] }),
          new Paragraph({ children: [new TextRun(BODY_TEXT)] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The billion laughs: ten levels of ten references (10^9 "lol"s if expanded). */
export function billionLaughsDocx(): Uint8Array {
  let dtd = '<!DOCTYPE w:document [<!ENTITY lol "lol">';
  dtd += '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">';
  for (let i = 2; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  dtd += ']>';
  return docxWithBody(para('&lol9;') + para(BODY_TEXT), dtd);
}

/** `depth` nested elements around a paragraph (smart tags nest in real Word files, a few deep). */
export function deepNestingDocx(depth = 100_000): Uint8Array {
  const open = '<w:smartTag w:element="x">'.repeat(depth);
  const close = '</w:smartTag>'.repeat(depth);
  return docxWithBody(`<w:p>${open}<w:r><w:t>${BODY_TEXT}</w:t></w:r>${close}</w:p>` + para(BODY_TEXT));
}

/** A .docx whose word/bom.xml inflates to `mb` MiB of zeros; the header tells the truth or lies. */
export function zipBombDocx(mb: number, lie: boolean): Uint8Array {
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${para(BODY_TEXT)}</w:body></w:document>`;
  const zeros = zerosDeflated(mb);
  return buildZip([
    { name: '[Content_Types].xml', data: strToU8(CT) },
    { name: '_rels/.rels', data: strToU8(RELS) },
    { name: 'word/document.xml', data: strToU8(doc) },
    { name: 'word/bom.xml', deflated: zeros, declaredSize: lie ? 4096 : undefined },
  ]);
}

/** A .docx whose word/document.xml is `mb` MiB of zeros, honestly declared (just under the limit). */
export function zerosDocumentDocx(mb: number): Uint8Array {
  return buildZip([
    { name: '[Content_Types].xml', data: strToU8(CT) },
    { name: '_rels/.rels', data: strToU8(RELS) },
    { name: 'word/document.xml', deflated: zerosDeflated(mb) },
  ]);
}

/** The docx without its word/document.xml (other parts intact). */
export function docxWithoutDocument(good: Uint8Array): Uint8Array {
  const files = unzipSync(good);
  delete files['word/document.xml'];
  return zipSync(files);
}

// ---------------------------------------------------------------------------------------------
// PDF

type Pdf = InstanceType<typeof PDFDocument>;
const FIXED = new Date('2020-01-01T00:00:00Z');

export async function pdfBytes(build: (doc: Pdf) => void, options: Record<string, unknown> = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: FIXED, ModDate: FIXED }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  build(doc);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const PDF_TEXT = [
  'Meldcode huiselijk geweld en kindermishandeling',
  'Stap 1: Signalen in kaart brengen. De medewerker legt signalen vast in het dossier.',
  'Stap 2: Collegiale consultatie met de aandachtsfunctionaris en zo nodig Veilig Thuis.',
];

export function textPdf(): Promise<Uint8Array> {
  return pdfBytes((doc) => {
    for (const line of PDF_TEXT) doc.font('Helvetica').fontSize(11).text(line);
  });
}

export function encryptedPdf(): Promise<Uint8Array> {
  return pdfBytes(
    (doc) => {
      for (const line of PDF_TEXT) doc.text(line);
    },
    { userPassword: 'geheim', ownerPassword: 'eigenaar', pdfVersion: '1.7' },
  );
}

/** Only drawn shapes: a "scan" without a text layer. */
export function shapesPdf(): Promise<Uint8Array> {
  return pdfBytes((doc) => {
    for (let i = 0; i < 25; i++) doc.rect(60, 80 + i * 24, 200 + ((i * 53) % 250), 12).fill('#444444');
    doc.circle(300, 700, 40).stroke();
  });
}

/**
 * Text, plus JavaScript everywhere a viewer would run it: a named document script, an OpenAction,
 * a form field with keystroke/format actions (AcroForm) and a page-open action. Each script would
 * set a global and write a file if it ever ran.
 */
export function javascriptPdf(marker: string): Promise<Uint8Array> {
  const js = `globalThis.__meldcodePwned = 1; try { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); } catch (e) {} app.alert('x');`;
  return pdfBytes((doc) => {
    doc.font('Helvetica').fontSize(11);
    for (const line of PDF_TEXT) doc.text(line);
    doc.addNamedJavaScript('init', js);
    const action = doc.ref({ S: 'JavaScript', JS: new String(js) });
    action.end();
    (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.OpenAction = action;
    doc.initForm();
    doc.formText('naam', 60, 300, 200, 20, { value: 'invullen', format: { type: 'number', nDec: 0, sepComma: false, negStyle: 'MinusBlack', currency: '', currencyPrepend: true } });
    doc.formPushButton('knop', 60, 340, 100, 20, { label: 'Klik', AA: { U: { S: 'JavaScript', JS: new String(js) } } } as never);
    (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.AA = { O: { S: 'JavaScript', JS: new String(js) } };
  });
}

/**
 * Text with references to the outside world: a /URI link, a /URI OpenAction, a /Launch and a
 * /SubmitForm action, a /GoToR to a remote file, and a font that is not embedded but points at a
 * URL file specification for its program.
 */
export function externalRefsPdf(url: string): Promise<Uint8Array> {
  return pdfBytes((doc) => {
    doc.font('Helvetica').fontSize(11);
    for (const line of PDF_TEXT) doc.text(line);
    doc.link(60, 400, 200, 20, url);
    const root = (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data;
    const open = doc.ref({ S: 'URI', URI: new String(url) });
    open.end();
    root.OpenAction = open;
    doc.annotate(60, 440, 100, 20, { Subtype: 'Link', A: { S: 'Launch', F: { FS: 'URL', F: new String(url) } } } as never);
    doc.annotate(60, 470, 100, 20, { Subtype: 'Link', A: { S: 'SubmitForm', F: { FS: 'URL', F: new String(url) } } } as never);
    doc.annotate(60, 500, 100, 20, { Subtype: 'Link', A: { S: 'GoToR', F: { FS: 'URL', F: new String(`${url}/ander.pdf`) }, D: [0, 'Fit'] } } as never);
    // A non-embedded TrueType font whose descriptor names a remote font program.
    const descriptor = doc.ref({ Type: 'FontDescriptor', FontName: 'RemoteSans', Flags: 32, FontBBox: [0, -200, 1000, 900], ItalicAngle: 0, Ascent: 900, Descent: -200, CapHeight: 700, StemV: 80 });
    const remote = doc.ref({ Length: 0, F: { FS: 'URL', F: new String(`${url}/font.ttf`) } });
    remote.end();
    descriptor.data.FontFile2 = remote;
    descriptor.end();
    const font = doc.ref({ Type: 'Font', Subtype: 'TrueType', BaseFont: 'RemoteSans', FirstChar: 32, LastChar: 126, Widths: Array(95).fill(500), FontDescriptor: descriptor, Encoding: 'WinAnsiEncoding' });
    font.end();
    const page = doc.page as unknown as { resources: { data: { Font?: Record<string, unknown> } }; write(s: string): void };
    page.resources.data.Font = { ...(page.resources.data.Font ?? {}), FRemote: font };
    // pdfkit's content is drawn in a flipped coordinate system: undo that for this raw text.
    page.write('q 1 0 0 -1 0 841.89 cm BT /FRemote 12 Tf 60 250 Td (Tekst in een font op afstand over de meldcode en Veilig Thuis) Tj ET Q');
  });
}

/** `pages` pages with a heading and a few lines each. */
export function manyPagesPdf(pages: number): Promise<Uint8Array> {
  return pdfBytes((doc) => {
    for (let p = 1; p <= pages; p++) {
      if (p > 1) doc.addPage();
      doc.font('Helvetica-Bold').fontSize(14).text(`${p}. Hoofdstuk ${p}`);
      doc.font('Helvetica').fontSize(10.5).text(`${PDF_TEXT[1]} ${PDF_TEXT[2]} Pagina-inhoud nummer ${p}.`);
    }
  });
}

/** A PDF header followed by garbage and a cut-off object. */
export function malformedPdf(): Uint8Array {
  return strToU8('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nstream\n\u0000\u0001garbage\nxref\n0 2\nzzzz\ntrailer << /Root 1 0 R >>\n%%EO');
}

// ---------------------------------------------------------------------------------------------
// Other formats and encodings

/** An OLE2 compound file header, as a legacy Word .doc starts. */
export function oleDoc(): Uint8Array {
  const b = new Uint8Array(2048);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b.set(strToU8('Microsoft Word-document'), 512);
  return b;
}

/** A minimal OpenDocument text: `mimetype` stored first, as ODF demands. */
export function odt(): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8('<office:document-content><office:body><office:text><text:p>Meldcode</text:p></office:text></office:body></office:document-content>'),
    'META-INF/manifest.xml': strToU8('<manifest/>'),
  });
}

/** Dutch Markdown as Windows-1252 bytes (é, ë, ’ are single bytes: not valid UTF-8). */
export function cp1252Markdown(text: string): Uint8Array {
  const table: Record<string, number> = { '\u2019': 0x92, '\u2018': 0x91, '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96, '\u2014': 0x97, '\u20ac': 0x80 };
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out.push(c);
    else if (table[ch] !== undefined) out.push(table[ch]!);
    else out.push(0x3f);
  }
  return new Uint8Array(out);
}

export function utf16leWithBom(text: string): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return concat([new Uint8Array([0xff, 0xfe]), new Uint8Array(body)]);
}

/** Pseudo-random bytes (deterministic). */
export function randomBytes(n: number, seed = 1): Uint8Array {
  let s = seed >>> 0 || 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

export const CP1252_TEXT = `# Meldcode cliënt’s zorg

De medewerker bespreekt de signalen met de cliënt en de aandachtsfunctionaris. Hij overlegt
met Veilig Thuis – het advies- en meldpunt – over één concrete vervolgstap en legt alles vast.
`;

/** One paragraph of `bytes` bytes on a single line. */
export function longLineMarkdown(bytes: number): string {
  const sentence = 'De medewerker legt de signalen vast en overlegt met de aandachtsfunctionaris over de volgende stap. ';
  return `# Meldcode\n\n${sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes)}\n`;
}

/** What a bad input is expected to give. */
export interface BadInput {
  /** File name, relative to the folder (may contain a sub folder). */
  name: string;
  bytes: Uint8Array;
  /** The InputError cause, or 'ok' when the file must load normally. */
  expect: InputErrorCause | 'ok';
}

/** The text every "read correctly" case must give back (with its non-ASCII characters). */
export const SPECIAL_NAME = 'map met spaties/Meldcode cliënt ’t Hof (versie 2) — ë.md';

/**
 * Writes every bad input into `dir` and returns what each must give. Not included here (the
 * tests add them themselves): the unreadable file (chmod 000) and the symlink loop.
 */
export async function writeBadInputs(dir: string, opts: { pages?: number } = {}): Promise<BadInput[]> {
  const good = await smallDocx();
  const list: BadInput[] = [
    { name: 'leeg.docx', bytes: new Uint8Array(0), expect: 'empty' },
    { name: 'afgebroken.docx', bytes: good.subarray(0, Math.floor(good.length * 0.6)), expect: 'damaged' },
    { name: 'geen-zip.docx', bytes: randomBytes(4096, 11), expect: 'damaged' },
    { name: 'zonder-document.docx', bytes: docxWithoutDocument(good), expect: 'damaged' },
    { name: 'zipbom.docx', bytes: zipBombDocx(1024, false), expect: 'zip-bomb' },
    { name: 'zipbom-liegende-kop.docx', bytes: zipBombDocx(1024, true), expect: 'zip-bomb' },
    { name: 'billion-laughs.docx', bytes: billionLaughsDocx(), expect: 'damaged' },
    { name: 'diep-genest.docx', bytes: deepNestingDocx(100_000), expect: 'damaged' },
    { name: 'versleuteld.pdf', bytes: await encryptedPdf(), expect: 'encrypted' },
    { name: 'scan zonder tekst.pdf', bytes: await shapesPdf(), expect: 'no-text-layer' },
    { name: 'kapot.pdf', bytes: malformedPdf(), expect: 'damaged' },
    { name: 'javascript-formulier.pdf', bytes: await javascriptPdf(path.join(dir, 'GEHACKT.txt')), expect: 'ok' },
    { name: `${opts.pages ?? 1000}-paginas.pdf`, bytes: await manyPagesPdf(opts.pages ?? 1000), expect: 'ok' },
    { name: 'oud-formaat.doc', bytes: oleDoc(), expect: 'legacy-doc' },
    { name: 'opendocument.odt', bytes: odt(), expect: 'odt' },
    { name: 'webpagina.md', bytes: strToU8('<!DOCTYPE html>\n<html lang="nl"><head><title>Meldcode</title></head><body><h1>Meldcode</h1><p>Tekst</p></body></html>\n'), expect: 'unsupported-format' },
    { name: 'binair.md', bytes: randomBytes(8192, 5), expect: 'binary' },
    { name: 'windows-1252.md', bytes: cp1252Markdown(CP1252_TEXT), expect: 'ok' },
    { name: 'utf16-met-bom.md', bytes: utf16leWithBom(CP1252_TEXT), expect: 'ok' },
    { name: 'lange-regel.md', bytes: strToU8(longLineMarkdown(5 * 1024 * 1024)), expect: 'ok' },
    { name: SPECIAL_NAME, bytes: strToU8(EXAMPLE_MD.replace(/De Waterlinie/g, '’t Hof')), expect: 'ok' },
  ];
  for (const b of list) write(dir, b.name, b.bytes);
  return list;
}
