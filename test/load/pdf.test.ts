import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/model.js';
import { loadBuffer, loadFile } from '../../src/load/index.js';
import { cause } from '../helpers/input-error.js';
import { joinLines, layoutDocument, type PdfItem, type PdfPage } from '../../src/load/pdf-layout.js';
import { longPdf, rectanglesPdf, reportPdf, twoColumnPdf } from '../helpers/pdf-fixtures.js';
import { cleanupTmp } from '../helpers/docx-fixtures.js';

afterAll(cleanupTmp);

describe('pdf loader (pdfkit report with running header and footer)', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await loadFile(await reportPdf());
  });

  it('removes the running header and the "Pagina N van M" footer on every page', () => {
    expect(doc.source).toMatchObject({ format: 'pdf', pages: 4 });
    expect(doc.blocks.some((b) => /Pagina \d+ van \d+/.test(b.text))).toBe(false);
    expect(doc.blocks.some((b) => b.text.includes('Stichting Testhuis – Meldcode'))).toBe(false);
    expect(doc.warnings.some((w) => /verwijderd/.test(w))).toBe(true);
  });

  it('finds headings by size and by bold font, numbered chapters above steps', () => {
    const heads = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text]);
    expect(heads).toEqual([
      [1, 'Meldcode huiselijk geweld en kindermishandeling'],
      [2, '1. Inleiding'],
      [2, '2. Het stappenplan'],
      [3, 'Stap 1: Signalen in kaart brengen'],
      [3, 'Stap 2: Collegiale consultatie'],
      [4, 'Stap 3: Gesprek met de ouders'],
      [2, '3. Afwegingskader'],
      [2, '4. Privacy en beroepsgeheim'],
    ]);
    expect(doc.title).toBe('Meldcode huiselijk geweld en kindermishandeling');
  });

  it('joins a word hyphenated across lines, but keeps "advies- en meldpunt"', () => {
    const p = doc.blocks.find((b) => b.text.startsWith('Deze meldcode helpt'))!;
    expect(p.text).toBe(
      'Deze meldcode helpt medewerkers bij signalen van huiselijk geweld of kindermishandeling. Zij vragen zo nodig advies aan Veilig Thuis, het advies- en meldpunt huiselijk geweld en kindermishandeling in de regio.',
    );
    expect(p.kind).toBe('paragraph');
  });

  it('groups wrapped lines into paragraphs and recognises list items', () => {
    const paras = doc.blocks.filter((b) => /^Alinea \d+\./.test(b.text));
    expect(paras.length).toBeGreaterThanOrEqual(6);
    for (const p of paras) {
      expect(p.kind).toBe('paragraph');
      expect(p.text).toMatch(/^Alinea (\d+)\. De medewerker .* gezien en gehoord\. Dit geldt ook voor situatie \1 in het voorbeeld\.$/);
    }
    const items = doc.blocks.filter((b) => b.kind === 'listItem').map((b) => [b.ordered, b.text]);
    expect(items).toEqual([
      [false, 'Observeer het kind gedurende een aantal weken.'],
      [false, 'Noteer wat je ziet en hoort, met datum en tijd.'],
      [true, '1. Is er een vermoeden van huiselijk geweld of kindermishandeling?'],
      [true, '2. Is er sprake van acute of structurele onveiligheid?'],
    ]);
  });

  it('locations give page, line on the page (counting the header line) and section', () => {
    const h = doc.blocks.find((b) => b.text === '2. Het stappenplan')!;
    expect(h.location.page).toBe(2);
    expect(h.location.line).toBe(2); // line 1 is the removed running header
    const item = doc.blocks.find((b) => b.text.startsWith('Observeer het kind'))!;
    expect(item.location).toMatchObject({ page: 2, section: 'Meldcode huiselijk geweld en kindermishandeling › 2. Het stappenplan › Stap 1: Signalen in kaart brengen' });
  });
});

describe('pdf loader: layout', () => {
  it('reads a two-column page left column first, then right', async () => {
    const doc = await loadFile(await twoColumnPdf());
    const text = doc.blocks.map((b) => b.text).join(' ');
    const l14 = text.indexOf('Linkerkolom zin 14');
    const r1 = text.indexOf('Rechterkolom zin 1 ');
    expect(l14).toBeGreaterThan(0);
    expect(r1).toBeGreaterThan(l14);
    // Every sentence comes out whole (no interleaving of the columns).
    for (let i = 1; i <= 14; i++) {
      expect(text).toContain(`Linkerkolom zin ${i} over het signaleren van zorgen bij kinderen op de groep.`);
      expect(text).toContain(`Rechterkolom zin ${i} over het gesprek met de ouders en het vastleggen.`);
    }
  });

  it('joinLines: hyphenation rules', () => {
    expect(joinLines(['kindermishande-', 'ling is'])).toBe('kindermishandeling is');
    expect(joinLines(['het advies-', 'en meldpunt'])).toBe('het advies- en meldpunt');
    expect(joinLines(['Noord-', 'Holland'])).toBe('Noord- Holland');
    expect(joinLines(['soft\u00AD', 'hyphen'])).toBe('softhyphen');
    expect(joinLines(['een', 'twee'])).toBe('een twee');
  });

  // Synthetic pages: body lines every 14pt, a header at the top and a page number at the bottom.
  function page(n: number, body: string[], opts: { header?: string; footer?: string } = {}): PdfPage {
    const items: PdfItem[] = [];
    let seq = 0;
    const add = (str: string, x: number, y: number, h: number, font = 'f0') => items.push({ str, x, y, w: str.length * h * 0.5, h, font, seq: seq++ });
    if (opts.header) add(opts.header, 300, 800, 8);
    body.forEach((t, i) => add(t, 60, 740 - i * 14, 11));
    if (opts.footer) add(opts.footer, 280, 40, 8);
    return { number: n, width: 595, height: 842, items };
  }

  it('removes repeated headers and page numbers but not headings like "Stap 1"/"Stap 2" at the top', () => {
    const long = 'Dit is een gewone regel lopende tekst die de hele breedte van de kolom vult tot aan de rand.';
    const pages = [1, 2, 3].map((n) =>
      page(n, [`Stap ${n}`, long, long, `Einde van pagina ${n}.`], { header: 'Stichting X – Meldcode', footer: `${n}` }),
    );
    // Make the step lines headings: larger text.
    for (const p of pages) p.items.find((i) => i.str.startsWith('Stap'))!.h = 14;
    const r = layoutDocument(pages);
    const texts = r.blocks.map((b) => b.text);
    expect(texts.some((t) => t.includes('Stichting X'))).toBe(false);
    expect(texts.some((t) => /^\d$/.test(t))).toBe(false);
    expect(r.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Stap 1', 'Stap 2', 'Stap 3']);
    expect(r.removedLines).toBe(6);
  });

  it('keeps a line that appears at the top of only one page', () => {
    const long = 'Dit is een gewone regel lopende tekst die de hele breedte van de kolom vult tot aan de rand.';
    const pages = [page(1, ['Titel van het document', long, long]), page(2, ['Andere eerste regel', long, long]), page(3, ['Nog een eerste regel', long, long])];
    const r = layoutDocument(pages);
    expect(r.blocks.map((b) => b.text).join(' ')).toContain('Titel van het document');
    expect(r.removedLines).toBe(0);
  });

  it('recognises a table from aligned cells and keeps its rows', () => {
    const items: PdfItem[] = [];
    let seq = 0;
    const add = (str: string, x: number, y: number) => items.push({ str, x, y, w: str.length * 5, h: 10, font: 'f0', seq: seq++ });
    add('Inleidende zin boven de tabel die gewoon doorloopt.', 60, 760);
    add('Functie', 60, 730);
    add('Taak', 250, 730);
    add('Medewerker', 60, 710);
    add('Signaleert en legt vast in het', 250, 710);
    add('dossier van de cliënt.', 250, 698);
    add('Directeur', 60, 678);
    add('Beslist over de melding.', 250, 678);
    const r = layoutDocument([{ number: 1, width: 595, height: 842, items }]);
    const rows = r.blocks.filter((b) => b.kind === 'tableRow').map((b) => b.cells);
    expect(rows).toEqual([
      ['Functie', 'Taak'],
      ['Medewerker', 'Signaleert en legt vast in het dossier van de cliënt.'],
      ['Directeur', 'Beslist over de melding.'],
    ]);
  });
});

describe('pdf loader: refusals', () => {
  it('a PDF with only drawn rectangles has no text layer', async () => {
    const e = await cause(loadFile(await rectanglesPdf()));
    expect(e.cause).toBe('no-text-layer');
  });

  it('garbage after the PDF header is damaged', async () => {
    const e = await cause(loadBuffer('x.pdf', Buffer.from('%PDF-1.7\n' + 'rommel '.repeat(200))));
    expect(e.cause).toBe('damaged');
  });

  it('a truncated PDF is damaged or has no text, never a crash', async () => {
    const bytes = (await import('node:fs')).readFileSync(await reportPdf());
    const e = await cause(loadBuffer('x.pdf', bytes.subarray(0, 900)));
    expect(['damaged', 'no-text-layer']).toContain(e.cause);
  });

  it('more pages than maxPages is too-many-pages, with limit and flag', async () => {
    const e = await cause(loadFile(await reportPdf(), { maxPages: 2 }));
    expect(e.cause).toBe('too-many-pages');
    expect(e.detail).toEqual({ limit: 2, flag: '--max-pages' });
  });

  it('does not detach or change the caller\u2019s buffer', async () => {
    const bytes = new Uint8Array((await import('node:fs')).readFileSync(await reportPdf()));
    const len = bytes.byteLength;
    await loadBuffer('a.pdf', bytes);
    await loadBuffer('a.pdf', bytes);
    expect(bytes.byteLength).toBe(len);
  });
});

describe('pdf loader: performance', () => {
  it('a 30-page PDF loads well under a second', async () => {
    const file = await longPdf(30);
    await loadFile(file); // warm up (pdf.js module)
    const t0 = performance.now();
    const doc = await loadFile(file);
    const ms = performance.now() - t0;
    expect(doc.source.pages).toBe(30);
    expect(doc.blocks.filter((b) => b.kind === 'heading')).toHaveLength(30);
    expect(doc.blocks.some((b) => /Pagina/.test(b.text))).toBe(false);
    expect(ms).toBeLessThan(1000); // about 350 ms alone; headroom for a loaded CI machine
  });
});

describe('pdf loader: rotated content', () => {
  it('reads text drawn a quarter turn rotated in its own direction and leaves out the odd one', async () => {
    const { rotatedPdf } = await import('../helpers/pdf-fixtures.js');
    const doc = await loadFile(await rotatedPdf());
    const texts = doc.blocks.map((b) => b.text);
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', text: 'Meldcode in liggend formaat' });
    const body = texts.slice(1).join(' ');
    for (let i = 1; i <= 6; i++) expect(body).toContain(`Regel ${i} van de liggende tekst`);
    expect(body.indexOf('Regel 1 ')).toBeLessThan(body.indexOf('Regel 6 '));
    expect(texts.join(' ')).not.toContain('Kantlijnnotitie');
  });
});
