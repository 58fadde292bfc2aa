/**
 * PDF fixtures for the loader tests, generated with pdfkit (no committed binaries), written to a
 * temporary folder.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { tmpDir } from './docx-fixtures.js';

type Doc = InstanceType<typeof PDFDocument>;

const FIXED = new Date('2020-01-01T00:00:00Z');

async function render(name: string, build: (doc: Doc) => void, decorate?: (doc: Doc, page: number, total: number) => void): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 62, right: 62 }, bufferPages: true, info: { CreationDate: FIXED, ModDate: FIXED, Title: '' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  build(doc);
  if (decorate) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      decorate(doc, i + 1, range.count);
    }
  }
  doc.end();
  await done;
  const file = path.join(tmpDir(), name);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const BODY =
  'De medewerker brengt de signalen zorgvuldig in kaart en legt ze vast in het dossier, met datum en bron, zodat later voor iedereen duidelijk is wat er is gezien en gehoord.';

function heading(doc: Doc, text: string, size = 14): void {
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(size).text(text);
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(10.5);
}

let counter = 0;
function para(doc: Doc, text?: string): void {
  counter++;
  const t = text ?? `Alinea ${counter}. ${BODY} Dit geldt ook voor situatie ${counter} in het voorbeeld.`;
  doc.font('Helvetica').fontSize(10.5).text(t, { align: 'left' });
  doc.moveDown(0.6);
}

/**
 * Four pages with a running header and a "Pagina N van M" footer on every page, headings in a
 * larger font, a bold heading at body size, a word hyphenated across a line break ("mishande-" /
 * "ling"), "advies- en meldpunt" split after the hyphen, a bulleted and a numbered list.
 */
export async function reportPdf(): Promise<string> {
  return render(
    'report.pdf',
    (doc) => {
      doc.font('Helvetica-Bold').fontSize(20).text('Meldcode huiselijk geweld en kindermishandeling');
      doc.moveDown(0.5);
      para(doc, 'Stichting Testhuis, vastgesteld door het bestuur op 1 maart 2020.');
      heading(doc, '1. Inleiding');
      para(doc);
      // Explicit lines: a word split over two lines with a hyphen.
      doc.font('Helvetica').fontSize(10.5);
      doc.text('Deze meldcode helpt medewerkers bij signalen van huiselijk geweld of kindermishande-');
      doc.text('ling. Zij vragen zo nodig advies aan Veilig Thuis, het advies-');
      doc.text('en meldpunt huiselijk geweld en kindermishandeling in de regio.');
      doc.moveDown(0.6);
      para(doc);
      doc.addPage();
      heading(doc, '2. Het stappenplan');
      para(doc);
      heading(doc, 'Stap 1: Signalen in kaart brengen', 12);
      para(doc);
      doc.text('\u2022  Observeer het kind gedurende een aantal weken.', { indent: 10 });
      doc.text('\u2022  Noteer wat je ziet en hoort, met datum en tijd.', { indent: 10 });
      doc.moveDown(0.6);
      heading(doc, 'Stap 2: Collegiale consultatie', 12);
      para(doc);
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').fontSize(10.5).text('Stap 3: Gesprek met de ouders');
      doc.moveDown(0.3);
      para(doc);
      doc.addPage();
      heading(doc, '3. Afwegingskader');
      doc.text('1. Is er een vermoeden van huiselijk geweld of kindermishandeling?');
      doc.text('2. Is er sprake van acute of structurele onveiligheid?');
      doc.moveDown(0.6);
      para(doc);
      doc.addPage();
      heading(doc, '4. Privacy en beroepsgeheim');
      para(doc);
      para(doc);
    },
    (doc, page, total) => {
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(8);
      doc.text('Stichting Testhuis \u2013 Meldcode huiselijk geweld en kindermishandeling', 62, 30, { width: 471, align: 'right', lineBreak: false });
      doc.text(`Pagina ${page} van ${total}`, 62, doc.page.height - 40, { width: 471, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    },
  );
}

/** One page in two columns (pdfkit column flow): the left column must be read before the right. */
export async function twoColumnPdf(): Promise<string> {
  const left = Array.from({ length: 14 }, (_, i) => `Linkerkolom zin ${i + 1} over het signaleren van zorgen bij kinderen op de groep.`).join(' ');
  const right = Array.from({ length: 14 }, (_, i) => `Rechterkolom zin ${i + 1} over het gesprek met de ouders en het vastleggen.`).join(' ');
  return render('two-column.pdf', (doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text('Meldcode kinderdagverblijf De Test', { align: 'center' });
    doc.moveDown(1);
    doc.font('Helvetica').fontSize(10).text(`${left} ${right}`, { columns: 2, columnGap: 24, height: 430, align: 'left' });
  });
}

/** A "scan": only drawn rectangles, no text at all. */
export async function rectanglesPdf(): Promise<string> {
  return render('scan.pdf', (doc) => {
    for (let i = 0; i < 30; i++) doc.rect(62, 80 + i * 22, 300 + ((i * 37) % 170), 10).fill('#333333');
    doc.addPage();
    doc.rect(100, 100, 300, 400).fill('#999999');
  });
}

/** About 30 pages of running text with headings, for the performance check. */
export async function longPdf(pages = 30): Promise<string> {
  return render(
    `long-${pages}.pdf`,
    (doc) => {
      for (let p = 1; p <= pages; p++) {
        if (p > 1) doc.addPage();
        heading(doc, `${p}. Hoofdstuk ${p}`);
        for (let i = 0; i < 7; i++) para(doc, `${BODY} ${BODY}`);
      }
    },
    (doc, page, total) => {
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(8).text(`Pagina ${page} van ${total}`, 62, doc.page.height - 40, { width: 471, align: 'center', lineBreak: false });
    },
  );
}

/** Landscape content drawn rotated a quarter turn on a portrait page, plus an upright margin note. */
export async function rotatedPdf(): Promise<string> {
  return render('rotated.pdf', (doc) => {
    doc.font('Helvetica').fontSize(7).text('Kantlijnnotitie', 20, 20, { lineBreak: false });
    doc.save();
    doc.rotate(-90, { origin: [0, 0] });
    // After rotating by -90°, x runs up the page and y runs to the right; draw in that frame.
    doc.font('Helvetica-Bold').fontSize(16).text('Meldcode in liggend formaat', -780, 60, { width: 700, lineBreak: false });
    doc.font('Helvetica').fontSize(10.5);
    let y = 100;
    for (let i = 1; i <= 6; i++) {
      doc.text(`Regel ${i} van de liggende tekst over het stappenplan, de aandachtsfunctionaris en Veilig Thuis.`, -780, y, { width: 700, lineBreak: false });
      y += 14;
    }
    doc.restore();
  });
}
