import { describe, expect, it } from 'vitest';
import { loadBuffer } from '../../src/load/index.js';
import { parseMarkdown, parseText, stripFrontMatter, wrapLongLines } from '../../src/load/markdown.js';
import { BlockBuilder, cleanText, letterCount, MAX_BLOCK_CHARS } from '../../src/load/blocks.js';

const md = (s: string) => parseMarkdown(s).blocks;

describe('markdown loader', () => {
  it('headings with levels, heading paths and line:column locations', () => {
    const blocks = md('# Meldcode\n\nIntro.\n\n## Stappenplan\n\n### Stap 1\n\nSignalen in kaart.\n\n## Privacy\n\nTekst.\n');
    const heads = blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text]);
    expect(heads).toEqual([
      [1, 'Meldcode'],
      [2, 'Stappenplan'],
      [3, 'Stap 1'],
      [2, 'Privacy'],
    ]);
    const p = blocks.find((b) => b.text === 'Signalen in kaart.')!;
    expect(p.kind).toBe('paragraph');
    expect(p.headingPath).toEqual(['Meldcode', 'Stappenplan', 'Stap 1']);
    expect(p.location).toEqual({ line: 9, column: 1, section: 'Meldcode › Stappenplan › Stap 1' });
    const last = blocks[blocks.length - 1]!;
    expect(last.headingPath).toEqual(['Meldcode', 'Privacy']);
    // A heading's own path excludes itself.
    expect(blocks.find((b) => b.text === 'Stap 1')!.headingPath).toEqual(['Meldcode', 'Stappenplan']);
  });

  it('flattens inline markup and keeps link text', () => {
    const [b] = md('Bel **Veilig Thuis** via `0800-2000` of kijk op [de website](https://veiligthuis.nl) _direct_.\n');
    expect(b!.text).toBe('Bel Veilig Thuis via 0800-2000 of kijk op de website direct.');
  });

  it('lists: nesting depth and ordered flag; text without the marker', () => {
    const blocks = md('1. Eerste stap\n   - detail a\n   - detail b\n2. Tweede stap\n\n- los punt\n');
    expect(blocks.map((b) => [b.kind, b.level, b.ordered, b.text])).toEqual([
      ['listItem', 1, true, 'Eerste stap'],
      ['listItem', 2, false, 'detail a'],
      ['listItem', 2, false, 'detail b'],
      ['listItem', 1, true, 'Tweede stap'],
      ['listItem', 1, false, 'los punt'],
    ]);
  });

  it('GFM tables: one tableRow per row with cells, row index and table ordinal', () => {
    const blocks = md('| Wie | Wat |\n|---|---|\n| Medewerker | **Signaleert** |\n| Directeur | Beslist |\n\nTekst.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n');
    const rows = blocks.filter((b) => b.kind === 'tableRow');
    expect(rows.map((r) => [r.table, r.row, r.cells])).toEqual([
      [0, 0, ['Wie', 'Wat']],
      [0, 1, ['Medewerker', 'Signaleert']],
      [0, 2, ['Directeur', 'Beslist']],
      [1, 0, ['A', 'B']],
      [1, 1, ['1', '2']],
    ]);
    expect(rows[1]!.text).toBe('Medewerker | Signaleert');
    expect(rows[1]!.location.line).toBe(3);
  });

  it('strips YAML front matter but keeps line numbers; takes its title', () => {
    const src = '---\ntitle: "Meldcode De Test"\nversie: 2\n---\n# Kop\n\nTekst hier.\n';
    const r = parseMarkdown(src);
    expect(r.blocks.some((b) => b.text.includes('versie'))).toBe(false);
    expect(r.blocks[0]).toMatchObject({ kind: 'heading', text: 'Kop', location: { line: 5 } });
    expect(r.title).toBe('Meldcode De Test');
    expect(stripFrontMatter('geen front matter').body).toBe('geen front matter');
  });

  it('loadBuffer builds a Document with source facts and title', async () => {
    const doc = await loadBuffer('meldcode.md', Buffer.from('# Meldcode Stichting Test\n\nDe medewerker brengt signalen in kaart en overlegt met de aandachtsfunctionaris.\n'));
    expect(doc.source).toMatchObject({ path: 'meldcode.md', format: 'md', bytes: expect.any(Number) });
    expect(doc.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.title).toBe('Meldcode Stichting Test');
  });
});

describe('text normalisation', () => {
  it('collapses whitespace, removes soft hyphens and zero-width characters, NFC, keeps quotes', () => {
    expect(cleanText('  kinder\u00ADmishandeling\u200B  en\u00A0\t“huiselijk”   geweld ')).toBe('kindermishandeling en “huiselijk” geweld');
    expect(cleanText('clie\u0308nt')).toBe('cliënt');
    expect(cleanText('clie\u0308nt')).toHaveLength(6); // composed ë (the input has 7 code units)
  });

  it('the ASCII fast path gives what the full clean-up gives', () => {
    const full = (s: string) => s.normalize('NFC').replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '').replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, '').replace(/\s+/g, ' ').trim();
    for (const s of ['Stap 1: in kaart brengen', ' voor', 'na ', 'twee  spaties', 'tab\there', 'regel\neinde', '', ' ', 'DEL\u007Fx', 'a\u0000b', '~!@#$%^&*()_+{}|:"<>?']) {
      expect(cleanText(s), JSON.stringify(s)).toBe(full(s));
    }
  });

  it('the one-pass clean-up gives what the regular expressions give, on random text', () => {
    const full = (s: string) => s.normalize('NFC').replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '').replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, '').replace(/\s+/g, ' ').trim();
    const parts = ['a', 'Z', ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u2003', '\u2000', '\u2028', '\u3000', '\uFEFF', '\u00AD', '\u200B', '\u2060', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F', 'e\u0301', 'é', '’', '–', '…', '𝐀', 'Å', '\u212B', 'ﬁ', 'Ω', '\u2126', 'x'];
    let x = 5;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
    for (let k = 0; k < 20000; k++) {
      const s = Array.from({ length: rnd(16) }, () => parts[rnd(parts.length)]).join('');
      expect(cleanText(s), JSON.stringify(s)).toBe(full(s));
    }
  });

  it('letterCount counts letters of any script, one per code point', () => {
    expect(letterCount('Stap 1: in kaart!')).toBe(11);
    expect(letterCount('Één café')).toBe(7);
    expect(letterCount('Ωμέγα Дом 日本')).toBe(10);
    expect(letterCount('𝐀𝐁 12 @[`{')).toBe(2);
    expect(letterCount('')).toBe(0);
  });

  it('applies to Markdown blocks', () => {
    const [b] = md('Het ‘advies’\u00AD- en meld\u200Bpunt   van  Veilig Thuis.\n');
    expect(b!.text).toBe('Het ‘advies’- en meldpunt van Veilig Thuis.');
  });
});

describe('plain text loader', () => {
  it('paragraphs split at blank lines; numbered, "Stap" and ALL CAPS lines become headings', () => {
    const txt = [
      'MELDCODE HUISELIJK GEWELD',
      '',
      'Deze meldcode geldt voor alle medewerkers van de stichting en beschrijft',
      'wat zij doen bij signalen.',
      '',
      '1. Stappenplan',
      '',
      'Stap 1 Signalen in kaart brengen',
      'De medewerker noteert wat hij ziet.',
      '',
      '2.3 Beroepsgeheim',
      '',
      '- eerste punt',
      '- tweede punt',
      '',
    ].join('\n');
    const blocks = parseText(txt).blocks;
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level])).toEqual([
      ['MELDCODE HUISELIJK GEWELD', 1],
      ['1. Stappenplan', 1],
      ['Stap 1 Signalen in kaart brengen', 1],
      ['2.3 Beroepsgeheim', 2],
    ]);
    const p = blocks.find((b) => b.text.startsWith('Deze meldcode'))!;
    expect(p.text).toBe('Deze meldcode geldt voor alle medewerkers van de stichting en beschrijft wat zij doen bij signalen.');
    expect(p.location.line).toBe(3);
    expect(blocks.find((b) => b.text === 'De medewerker noteert wat hij ziet.')!.headingPath).toEqual(['Stap 1 Signalen in kaart brengen']);
    expect(blocks.filter((b) => b.kind === 'listItem').map((b) => b.text)).toEqual(['eerste punt', 'tweede punt']);
  });

  it('a .txt file loads as format txt', async () => {
    const doc = await loadBuffer('meldcode.txt', Buffer.from('MELDCODE\n\nDe medewerker brengt signalen in kaart en overlegt met de aandachtsfunctionaris.\n'));
    expect(doc.source.format).toBe('txt');
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', text: 'MELDCODE' });
  });
});

describe('huge and hostile Markdown', () => {
  const sentence = 'De medewerker legt de signalen vast. ';

  it('wrapLongLines leaves normal text alone and maps wrapped lines back to file lines and columns', () => {
    expect(wrapLongLines('# Kop\n\nkort\n')).toEqual({ text: '# Kop\n\nkort\n' });
    const long = sentence.repeat(500); // 18,500 characters on one line
    const { text, lineMap } = wrapLongLines(`# Kop\n\n${long}\nslot\n`, 8192);
    const lines = text.split('\n');
    expect(lines.length).toBe(7);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(8192);
    expect(lines.slice(2, 5).join(' ')).toBe(long); // each cut turned one space into a line break
    expect(lineMap![3]).toEqual({ line: 3, col: 0 });
    expect(lineMap![4]!.line).toBe(3);
    expect(lineMap![4]!.col).toBe(lines[2]!.length + 1);
    expect(lineMap![6]).toEqual({ line: 4, col: 0 });
    // Never before a character that could start a block (list, heading, quote), only before a letter.
    for (const l of lines.slice(3, 5)) expect(l).toMatch(/^\p{L}/u);
    // A line without spaces is left as it is.
    expect(wrapLongLines('x'.repeat(20000), 8192).text).toBe('x'.repeat(20000));
  });

  it('a paragraph of megabytes: bounded blocks at sentence ends, locations in the file', () => {
    const text = `# Meldcode\n\n${sentence.repeat(30000)}\n\n## Slot\n\nEinde van de tekst.\n`;
    const t0 = performance.now();
    const blocks = parseMarkdown(text).blocks;
    expect(performance.now() - t0).toBeLessThan(5000);
    const paras = blocks.filter((b) => b.kind === 'paragraph');
    expect(paras.length).toBeGreaterThan(100);
    expect(paras.slice(0, -1).every((b) => b.text.length <= MAX_BLOCK_CHARS && b.text.endsWith('.'))).toBe(true);
    expect(paras.slice(0, -1).every((b) => b.location.line === 3 && b.headingPath[0] === 'Meldcode')).toBe(true);
    expect(paras.slice(0, -1).map((b) => b.text).join(' ')).toBe(sentence.repeat(30000).trim());
    expect(blocks.find((b) => b.text === 'Slot')!.location.line).toBe(5);
    expect(paras.at(-1)!.location.line).toBe(7);
  });

  it('bare URLs and e-mail addresses stay text (GFM autolink literals are off); tables still parse', () => {
    const blocks = md('Mail info@veiligthuis.nl of zie www.veiligthuis.nl en https://x.nl/a.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Mail info@veiligthuis.nl of zie www.veiligthuis.nl en https://x.nl/a.'],
      ['tableRow', 'a | b'],
      ['tableRow', '1 | 2'],
    ]);
  });

  it('a one-line paragraph of 2 MB parses in seconds, not minutes', () => {
    const t0 = performance.now();
    parseMarkdown(`# K\n\n${'woord info@x.nl www.x.nl '.repeat(80000)}\n`);
    expect(performance.now() - t0).toBeLessThan(8000);
  }, 20_000);

  it('BlockBuilder: a long heading or table row becomes text; split pieces keep their line starts', () => {
    const b = new BlockBuilder();
    b.add({ kind: 'heading', text: 'x '.repeat(MAX_BLOCK_CHARS), level: 1, location: { line: 1 } });
    expect(b.blocks.every((x) => x.kind === 'paragraph' && x.text.length <= MAX_BLOCK_CHARS)).toBe(true);
    const pdfLike = new BlockBuilder();
    const text = Array.from({ length: 400 }, (_, i) => `Regel ${i} van de tekst.`).join(' ');
    let offset = 0;
    const lines = Array.from({ length: 400 }, (_, i) => {
      const l = { offset, page: 1 + Math.floor(i / 100), line: 1 + (i % 100) };
      offset += `Regel ${i} van de tekst. `.length;
      return l;
    });
    pdfLike.add({ kind: 'paragraph', text: text.repeat(2), location: { page: 1, line: 1 }, lines });
    const parts = pdfLike.blocks;
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[1]!.location.page).toBeGreaterThanOrEqual(1);
    for (const p of parts) {
      expect(p.lines?.[0]?.offset ?? 0).toBe(0);
      for (const l of p.lines ?? []) expect(l.offset).toBeLessThanOrEqual(p.text.length);
    }
  });

  it('control characters (terminal escapes) never reach block text', () => {
    const blocks = md('# Kop \u001b]0;titel\u0007\n\nTekst \u001b[2Jmet\u0000 \u009bescapes.\n');
    // (NUL becomes U+FFFD, as CommonMark says.)
    expect(blocks.map((b) => b.text)).toEqual(['Kop ]0;titel', 'Tekst [2Jmet\uFFFD escapes.']);
  });
});
