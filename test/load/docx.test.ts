import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Document } from '../../src/document/model.js';
import { loadBuffer, loadFile } from '../../src/load/index.js';
import { cause } from '../helpers/input-error.js';
import { MAX_XML_DEPTH, parseDocx, parseStyles, styleHeadingLevel, xmlStructureProblem } from '../../src/load/docx.js';
import { boldHeadingsDocx, cleanupTmp, longDocx, styledDocx, writeBytes } from '../helpers/docx-fixtures.js';

afterAll(cleanupTmp);

const headings = (doc: Document) => doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text]);

describe('docx loader: heading styles', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await loadFile(await styledDocx());
  });

  it('recognises Title, Heading 1/2 and a custom style id "Kop1" named "heading 1"; a style named "Tussenkop 2" too', () => {
    expect(headings(doc)).toEqual([
      [1, 'Meldcode huiselijk geweld en kindermishandeling'],
      [1, '1. Inleiding'],
      [1, '2. Het stappenplan'],
      [2, 'Stap 1: Signalen in kaart brengen'],
      [2, 'Wie doet wat'],
      [2, 'Stap 2: Collegiale consultatie'],
    ]);
    expect(doc.title).toBe('Meldcode huiselijk geweld en kindermishandeling');
    expect(doc.source.format).toBe('docx');
  });

  it('numbered and bulleted lists become list items with nesting level and ordered flag', () => {
    const items = doc.blocks.filter((b) => b.kind === 'listItem').map((b) => [b.level, b.ordered, b.text]);
    expect(items).toEqual([
      [1, true, 'Observeer het kind een aantal weken.'],
      [2, true, 'Noteer datum en tijd.'],
      [1, true, 'Bespreek je zorg met de aandachtsfunctionaris.'],
      [1, false, 'Een opsommingsteken zonder nummer.'],
    ]);
  });

  it('a "wie doet wat" table gives one row per block, merged cells carried down', () => {
    const rows = doc.blocks.filter((b) => b.kind === 'tableRow');
    expect(rows.map((r) => r.cells)).toEqual([
      ['Stap', 'Wie', 'Wat'],
      ['1 Signalen in kaart brengen', 'Pedagogisch medewerker', 'Observeert en legt vast.'],
      ['2 Collegiale consultatie', 'Pedagogisch medewerker', 'Bespreekt de signalen met de aandachtsfunctionaris.'],
      ['5 Beslissen', 'Locatiemanager', 'Beslist over melden en is eindverantwoordelijk.'],
    ]);
    expect(rows.map((r) => [r.table, r.row])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(rows[3]!.text).toBe('5 Beslissen | Locatiemanager | Beslist over melden en is eindverantwoordelijk.');
    expect(rows[0]!.headingPath).toEqual(['2. Het stappenplan', 'Wie doet wat']);
  });

  it('locations: 1-based paragraph ordinals and the section path', () => {
    const p = doc.blocks.find((b) => b.text.startsWith('Let op:'))!;
    expect(p.location).toEqual({ paragraph: 7, section: '2. Het stappenplan › Stap 1: Signalen in kaart brengen' });
    const ordinals = doc.blocks.map((b) => b.location.paragraph!);
    expect([...ordinals].sort((a, b) => a - b)).toEqual(ordinals);
    expect(new Set(ordinals).size).toBe(ordinals.length);
  });

  it('removes soft hyphens and zero-width spaces from the text', () => {
    expect(doc.blocks.some((b) => b.text === 'Kinderopvang De Testlocatie, vastgesteld op 1 maart 2020.')).toBe(true);
    expect(doc.blocks.some((b) => b.text === 'Vraag advies aan Veilig Thuis, het advies- en meldpunt.')).toBe(true);
  });
});

describe('docx loader: headings from formatting', () => {
  it('uses bold short paragraphs as headings, with levels from font size and numbering', async () => {
    const doc = await loadFile(await boldHeadingsDocx());
    expect(headings(doc)).toEqual([
      [1, 'Meldcode huiselijk geweld en kindermishandeling'],
      [2, '1. Inleiding'],
      [2, '3. Stappenplan'],
      [4, 'Stap 1: Signalen in kaart brengen'],
      [4, 'Stap 2: Collegiale consultatie'],
      [3, '3.1 Wie doet wat'],
      [2, '4. Privacy'],
    ]);
    // Not headings: a bold sentence with a full stop, a bold lead-in, the plain table of contents.
    const para = (t: string) => doc.blocks.find((b) => b.text.startsWith(t))!.kind;
    expect(para('Dit is een vetgedrukte zin')).toBe('paragraph');
    expect(para('Kindcheck.')).toBe('paragraph');
    expect(doc.blocks.filter((b) => b.text === '1. Inleiding').map((b) => b.kind)).toEqual(['paragraph', 'heading']);
    const step = doc.blocks.find((b) => b.text === 'Observeer het kind.')!;
    expect(step.headingPath).toEqual(['Meldcode huiselijk geweld en kindermishandeling', '3. Stappenplan', 'Stap 1: Signalen in kaart brengen']);
  });
});

describe('docx loader: style helpers', () => {
  it('maps style names and ids to heading levels', () => {
    expect(styleHeadingLevel('heading 2', 'Kop2')).toBe(2);
    expect(styleHeadingLevel('Kop 3', 'Kop3')).toBe(3);
    expect(styleHeadingLevel(null, 'Heading4')).toBe(4);
    expect(styleHeadingLevel('Titel', 'Titel')).toBe('title');
    expect(styleHeadingLevel('Kop 1 Custom', 'x')).toBe(1);
    expect(styleHeadingLevel('toc 1', 'Inhopg1')).toBe(0);
    expect(styleHeadingLevel('Kop 1 Char', 'Kop1Char')).toBe(0);
    expect(styleHeadingLevel('Normal', 'Normal')).toBe(0);
  });

  it('reads body size and bold from styles.xml', () => {
    const s = parseStyles(
      '<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>' +
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Vet"><w:name w:val="Vet"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style></w:styles>',
    );
    expect(s.bodySize).toBe(12);
    expect(s.byId.get('Vet')).toMatchObject({ bold: true, size: 28, basedOn: 'Normal' });
  });
});

describe('docx loader: refusals', () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = readFileSync(await styledDocx());
  });

  const rezip = (files: Record<string, Uint8Array>) => zipSync(files);

  it('a truncated docx (no central directory) is damaged, even though mammoth might recover text', async () => {
    const e = await cause(loadBuffer('half.docx', good.subarray(0, Math.floor(good.length / 2))));
    expect(e.cause).toBe('damaged');
  });

  it('a zip without word/document.xml is damaged', async () => {
    const files = unzipSync(good);
    delete files['word/document.xml'];
    files['word/other.xml'] = strToU8('<x/>');
    const e = await cause(loadBuffer('x.docx', rezip(files)));
    expect(e.cause).toBe('damaged');
  });

  it('XML entity declarations in document.xml are refused as damaged', async () => {
    const files = unzipSync(good);
    const xml = new TextDecoder().decode(files['word/document.xml']);
    files['word/document.xml'] = strToU8(xml.replace('?>', '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'));
    const e = await cause(loadBuffer('x.docx', rezip(files)));
    expect(e.cause).toBe('damaged');
  });

  it('decompressed size over the limit is a zip bomb, with limit and flag', async () => {
    const e = await cause(loadBuffer('x.docx', good, { maxDecompressedBytes: 2000 }));
    expect(e.cause).toBe('zip-bomb');
    expect(e.detail).toMatchObject({ flag: '--max-decompressed-size' });
    expect(String(e.detail.limit)).toMatch(/kB|B/);
  });

  it('an entry that inflates beyond what it declares is caught by the real size', async () => {
    const files = unzipSync(good);
    files['word/big.xml'] = new Uint8Array(5_000_000); // zeros compress to almost nothing
    const zip = rezip(files);
    // Lie about the uncompressed size in the central directory entry of word/big.xml.
    const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let p = zip.length - 22; p >= 0; p--) {
      if (dv.getUint32(p, true) !== 0x06054b50) continue;
      let q = dv.getUint32(p + 16, true);
      const n = dv.getUint16(p + 10, true);
      for (let i = 0; i < n; i++) {
        const nlen = dv.getUint16(q + 28, true);
        const name = new TextDecoder().decode(zip.subarray(q + 46, q + 46 + nlen));
        if (name === 'word/big.xml') dv.setUint32(q + 24, 10, true);
        q += 46 + nlen + dv.getUint16(q + 30, true) + dv.getUint16(q + 32, true);
      }
      break;
    }
    const e = await cause(loadBuffer('x.docx', zip, { maxDecompressedBytes: 1_000_000 }));
    expect(e.cause).toBe('zip-bomb');
    // It was the real inflation that stopped it, not the (falsified) declared size.
    await expect(parseDocx(zip, { maxDecompressedBytes: 1_000_000 })).rejects.toThrow(/inflates beyond its declared size/);
  });

  it('more than 10000 entries is a zip bomb', async () => {
    const files = unzipSync(good);
    for (let i = 0; i < 10001; i++) files[`word/media/x${i}.txt`] = new Uint8Array(0);
    const e = await cause(loadBuffer('x.docx', rezip(files)));
    expect(e.cause).toBe('zip-bomb');
  });

  it('a docx without text is empty', async () => {
    const files = unzipSync(good);
    const xml = new TextDecoder().decode(files['word/document.xml']);
    files['word/document.xml'] = strToU8(xml.replace(/<w:body>[\s\S]*<\/w:body>/, '<w:body><w:p/></w:body>'));
    const e = await cause(loadBuffer('x.docx', rezip(files)));
    expect(e.cause).toBe('empty');
  });

  it('zero bytes are empty', async () => {
    const e = await cause(loadFile(writeBytes('leeg.docx', new Uint8Array(0))));
    expect(e.cause).toBe('empty');
  });
});

describe('docx loader: hostile XML (found by bench/fuzz.mjs)', () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = readFileSync(await styledDocx());
  });

  const withPart = (name: string, edit: (xml: string) => string) => {
    const files = unzipSync(good);
    files[name] = strToU8(edit(new TextDecoder().decode(files[name])));
    return zipSync(files);
  };

  it('a part with more than one root element is refused at once (xmldom needed minutes for 1 MB)', async () => {
    const zip = withPart('word/document.xml', (xml) => {
      const root = xml.slice(xml.indexOf('<w:document'));
      return xml + root.repeat(30);
    });
    const t0 = performance.now();
    const e = await cause(loadBuffer('x.docx', zip));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.cause).toBe('damaged');
    expect(e.detail.reason).toBe('word/document.xml has more than one root element');
  });

  it('xmlStructureProblem: depth limit, second root; comments, CDATA, PIs and self-closing tags do not count', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(xmlStructureProblem(nest(MAX_XML_DEPTH), MAX_XML_DEPTH)).toBeUndefined();
    expect(xmlStructureProblem(nest(MAX_XML_DEPTH + 1), MAX_XML_DEPTH)).toBe(`nests elements more than ${MAX_XML_DEPTH} deep`);
    expect(xmlStructureProblem('<?xml version="1.0"?><!-- <x/> --><r><b/><b/><![CDATA[<c><c>]]></r>\n', 5)).toBeUndefined();
    expect(xmlStructureProblem('<r/><r/>', 5)).toBe('has more than one root element');
    expect(xmlStructureProblem('<r></r><!-- na --><r>', 5)).toBe('has more than one root element');
    expect(xmlStructureProblem('<r><a/></r>', 1)).toBeUndefined();
  });

  it('xmlStructureProblem: processing instructions only before the root and well-formed; no text outside the root; no broken tags', () => {
    expect(xmlStructureProblem('<r>1 < 2</r>', 5)).toBe('has a broken tag');
    expect(xmlStructureProblem('<r><a</r>', 5)).toBe('has a broken tag');
    expect(xmlStructureProblem('<r><!-- open', 5)).toBe('has an unclosed comment or CDATA section');
    expect(xmlStructureProblem('<r><a', 5)).toBe('has an unclosed tag');
    expect(xmlStructureProblem('<!DOCTYPE r [<!ENTITY a "b">]><r/>', 5)).toBe('declares XML entities');
    expect(xmlStructureProblem(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x72, 0x2f, 0x3e]), 5)).toBeUndefined(); // BOM, <r/>
    expect(xmlStructureProblem('\n<?xml version="1.0"?>\n<r>tekst</r>\n', 5)).toBeUndefined();
    expect(xmlStructureProblem('<?xml version="1.0"><r></r>', 5)).toBe('has a broken processing instruction');
    expect(xmlStructureProblem('<?xml version="<r></r>', 5)).toBe('has a broken tag');
    expect(xmlStructureProblem('<r><?pi x?></r>', 5)).toBe('has a processing instruction inside the document');
    expect(xmlStructureProblem('<?a?>'.repeat(17) + '<r/>', 5)).toBe('has too many processing instructions');
    expect(xmlStructureProblem(']]><r/>', 5)).toBe('has text outside the root element');
    expect(xmlStructureProblem('<r/>na', 5)).toBe('has text outside the root element');
    expect(xmlStructureProblem('<![CDATA[<r>]]><r/>', 5)).toBe('has text outside the root element');
  });

  it('repeated broken XML declarations are refused at once (xmldom rescans the part for each)', async () => {
    const zip = withPart('word/document.xml', (xml) => '<?xml version="<w:document>'.repeat(20000) + xml);
    const t0 = performance.now();
    const e = await cause(loadBuffer('x.docx', zip));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.detail.reason).toBe('word/document.xml has a broken tag');
  });

  it('styles.xml full of unclosed tags is read in linear time (a lazy regular expression took 10 s for 0.7 MB)', () => {
    const xml = `<w:styles>${'<w:style w:styleId="a"><w:rPr><w:b <w:sz '.repeat(20000)}</w:styles>`;
    const t0 = performance.now();
    const s = parseStyles(xml);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(s.byId.size).toBe(0); // nothing closed, nothing read
  });

  it('parseStyles reads self-closing, closed and unclosed styles as before', () => {
    const s = parseStyles(
      '<w:styles><w:style w:type="paragraph" w:styleId="Leeg"/>' +
        '<w:style w:type="paragraph" w:styleId="Kop"><w:name w:val="heading 1"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>' +
        '<w:styleX w:styleId="Niet"></w:styleX><w:style w:styleId="Open"><w:name w:val="open"/></w:styles>',
    );
    expect([...s.byId.keys()]).toEqual(['Leeg', 'Kop']);
    expect(s.byId.get('Kop')).toMatchObject({ name: 'heading 1', bold: true, size: 32 });
  });
});

describe('docx loader: performance', () => {
  it('a 30-page docx loads well under a second', async () => {
    const file = await longDocx(30);
    await loadFile(file); // warm up (module loading)
    const t0 = performance.now();
    const doc = await loadFile(file);
    const ms = performance.now() - t0;
    expect(doc.blocks.filter((b) => b.kind === 'heading')).toHaveLength(30);
    expect(ms).toBeLessThan(1000); // about 150 ms alone; headroom for a loaded CI machine
  });
});
