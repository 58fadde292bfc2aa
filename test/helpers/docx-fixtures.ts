/**
 * .docx fixtures for the loader tests, generated with the `docx` package (no committed binaries).
 * Files are written to a temporary folder, never into the repository.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';

let dir: string | undefined;
/** A temporary folder for this test file's fixtures (remove it with cleanupTmp in afterAll). */
export function tmpDir(): string {
  dir ??= mkdtempSync(path.join(os.tmpdir(), 'meldcode-load-'));
  return dir;
}

export function cleanupTmp(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

export async function writeDocx(name: string, doc: Document): Promise<string> {
  const file = path.join(tmpDir(), name);
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

const numbering = {
  config: [
    {
      reference: 'nummers',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
        { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2.', alignment: AlignmentType.START },
      ],
    },
  ],
};

function cell(text: string, opts: { bold?: boolean; vMerge?: 'restart' | 'continue' } = {}): TableCell {
  return new TableCell({
    width: { size: 3000, type: WidthType.DXA },
    verticalMerge: opts.vMerge === 'restart' ? VerticalMergeType.RESTART : opts.vMerge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold })] })],
  });
}

/** The "wie doet wat" table: 3 columns, header row, one vertically merged cell. */
export function wieDoetWatTable(): Table {
  return new Table({
    width: { size: 9000, type: WidthType.DXA },
    rows: [
      new TableRow({ children: [cell('Stap', { bold: true }), cell('Wie', { bold: true }), cell('Wat', { bold: true })] }),
      new TableRow({ children: [cell('1 Signalen in kaart brengen'), cell('Pedagogisch medewerker', { vMerge: 'restart' }), cell('Observeert en legt vast.')] }),
      new TableRow({ children: [cell('2 Collegiale consultatie'), cell('', { vMerge: 'continue' }), cell('Bespreekt de signalen met de aandachtsfunctionaris.')] }),
      new TableRow({ children: [cell('5 Beslissen'), cell('Locatiemanager'), cell('Beslist over melden en is eindverantwoordelijk.')] }),
    ],
  });
}

const BODY =
  'De medewerker brengt de signalen zorgvuldig in kaart en legt ze vast in het dossier, met datum en bron, zodat later duidelijk is wat er is gezien.';

/**
 * Heading styles: Title, Heading 1/2 (built-in), and a custom style with id "Kop1" and name
 * "heading 1" (as Dutch Word stores "Kop 1"), a numbered list and the table.
 */
export async function styledDocx(): Promise<string> {
  const doc = new Document({
    creator: 'test',
    numbering,
    styles: {
      paragraphStyles: [
        { id: 'Kop1', name: 'heading 1', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 32 } },
        { id: 'Tussenkop', name: 'Tussenkop 2', basedOn: 'Normal', next: 'Normal', run: { bold: true } },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Meldcode huiselijk geweld en kindermishandeling')] }),
          new Paragraph({ children: [new TextRun('Kinderopvang De Test\u00ADlocatie, vastgesteld op 1 maart 2020.')] }),
          new Paragraph({ style: 'Kop1', children: [new TextRun('1. Inleiding')] }),
          new Paragraph({ children: [new TextRun(BODY)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('2. Het stappenplan')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Stap 1: Signalen in kaart brengen')] }),
          new Paragraph({ children: [new TextRun({ text: 'Let op: ', bold: true }), new TextRun(BODY)] }),
          new Paragraph({ numbering: { reference: 'nummers', level: 0 }, children: [new TextRun('Observeer het kind een aantal weken.')] }),
          new Paragraph({ numbering: { reference: 'nummers', level: 1 }, children: [new TextRun('Noteer datum en tijd.')] }),
          new Paragraph({ numbering: { reference: 'nummers', level: 0 }, children: [new TextRun('Bespreek je zorg met de aandachtsfunctionaris.')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Een opsommingsteken zonder nummer.')] }),
          new Paragraph({ style: 'Tussenkop', children: [new TextRun('Wie doet wat')] }),
          wieDoetWatTable(),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Stap 2: Collegiale consultatie')] }),
          new Paragraph({ children: [new TextRun('Vraag advies aan Veilig Thuis, het advies\u200B- en meldpunt.')] }),
        ],
      },
    ],
  });
  return writeDocx('styled.docx', doc);
}

/**
 * No heading styles at all: headings are short bold paragraphs (larger for chapters), as in
 * documents made without styles. Includes traps: a bold lead-in run, a fully bold sentence, a
 * table of contents in plain text.
 */
export async function boldHeadingsDocx(): Promise<string> {
  const h = (text: string, size?: number) => new Paragraph({ children: [new TextRun({ text, bold: true, size })] });
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const doc = new Document({
    creator: 'test',
    numbering,
    styles: { default: { document: { run: { size: 22 } } } },
    sections: [
      {
        children: [
          h('Meldcode huiselijk geweld en kindermishandeling', 40),
          p('Inhoud'),
          p('1. Inleiding'),
          p('3. Stappenplan'),
          h('1. Inleiding', 28),
          p(BODY),
          h('Dit is een vetgedrukte zin die eindigt met een punt.'),
          p(BODY),
          h('3. Stappenplan', 28),
          p(BODY),
          h('Stap 1: Signalen in kaart brengen'),
          new Paragraph({ children: [new TextRun({ text: 'Kindcheck. ', bold: true }), new TextRun(BODY)] }),
          new Paragraph({ numbering: { reference: 'nummers', level: 0 }, children: [new TextRun('Observeer het kind.')] }),
          new Paragraph({ numbering: { reference: 'nummers', level: 0 }, children: [new TextRun('Noteer wat je ziet.')] }),
          h('Stap 2: Collegiale consultatie'),
          p(BODY),
          h('3.1 Wie doet wat', 24),
          wieDoetWatTable(),
          h('4. Privacy', 28),
          p(BODY),
        ],
      },
    ],
  });
  return writeDocx('bold-headings.docx', doc);
}

/** About 30 pages of text under numbered bold headings, for the performance check. */
export async function longDocx(pages = 30): Promise<string> {
  const children: Array<Paragraph | Table> = [];
  for (let c = 1; c <= pages; c++) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${c}. Hoofdstuk ${c}`)] }));
    for (let i = 0; i < 8; i++) children.push(new Paragraph({ children: [new TextRun(`${BODY} ${BODY} (${c}.${i})`)] }));
    if (c % 5 === 0) children.push(wieDoetWatTable());
  }
  return writeDocx(`long-${pages}.docx`, new Document({ creator: 'test', sections: [{ children }] }));
}

export function writeBytes(name: string, bytes: Uint8Array | string): string {
  const file = path.join(tmpDir(), name);
  writeFileSync(file, bytes);
  return file;
}
