// Synthetic benchmark documents, built from our own fixture texts (fixtures/voorbeeld/*.md,
// fixtures/labelled/src/*.src.md, fixtures/labelled/*.md) into bench/.cache/:
//
//   single/p{2,10,30,100,1000}.{md,docx,pdf}   one long document per size ("page" = 450 words)
//   batch/NNN-<name>.{md,docx,pdf}             200 variants: other organisation names, sections dropped
//
// Built once; rebuilt when GEN_VERSION or the fixture texts change (manifest.json holds the key).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GEN_VERSION = '1';
export const WORDS_PER_PAGE = 450;
export const SIZES = [2, 10, 30, 100, 1000];
export const BATCH_SIZE = 200;

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(ROOT, 'bench', '.cache');

// ------------------------------------------------------------------------------------------
// Sources

function sourceFiles() {
  const list = (dir, re) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f)) : []);
  return [
    ...list(path.join(ROOT, 'fixtures/voorbeeld'), /\.md$/),
    ...list(path.join(ROOT, 'fixtures/labelled/src'), /\.src\.md$/),
    ...list(path.join(ROOT, 'fixtures/labelled'), /\.md$/),
  ];
}

/** Markdown subset → blocks: #-###### headings, paragraphs, - / 1. list items, pipe tables. */
function parse(md) {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const blocks = [];
  let para = null;
  const flush = () => {
    if (para) blocks.push({ type: 'p', text: para.join(' ') });
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush();
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) {
        if (lines[i].trim()) blocks.push({ type: 'p', text: lines[i].trim() });
        i++;
      }
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      blocks.push({ type: 'h', level: Math.min(h[1].length, 3), text: h[2].trim() });
      continue;
    }
    if (/^\s*(?:---+|\*\*\*+)\s*$/.test(line)) {
      flush();
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      flush();
      const rows = [];
      while (i < lines.length && lines[i].trimStart().startsWith('|')) {
        const cells = lines[i].trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
        i++;
      }
      i--;
      const n = Math.max(...rows.map((r) => r.length));
      blocks.push({ type: 'table', rows: rows.map((r) => [...r, ...Array(n - r.length).fill('')]) });
      continue;
    }
    const li = /^(\s*)(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (li) {
      flush();
      let text = li[3];
      while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]) && !/^\s*(?:[-*+]|\d+[.)])\s/.test(lines[i + 1])) text += ' ' + lines[++i].trim();
      blocks.push({ type: 'li', ordered: li[2] !== undefined, level: li[1].length >= 2 ? 1 : 0, text });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    (para ??= []).push(line.trim());
  }
  flush();
  return blocks;
}

const plain = (t) => t.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\*([^*]+)\*/g, '$1').replace(/`([^`]+)`/g, '$1').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
const words = (t) => t.split(/\s+/).filter(Boolean).length;
const blockWords = (b) => (b.type === 'table' ? b.rows.reduce((n, r) => n + r.reduce((m, c) => m + words(c), 0), 0) : words(b.text));

// Deterministic pseudo-random numbers.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORG_NAMES = ['Zilverberk', 'Kroonvaart', 'Eikenrode', 'Duinzicht', 'Polderlicht', 'Veenhorst', 'Lindeborg', 'Meerwijde', 'Klaverhof', 'Brugstede', 'Wielingen', 'Hooghoven', 'Zonnegaard', 'Sterrenwerf', 'Beekdal', 'Heideburcht', 'Waterhoen', 'Rietkraag', 'Molenkamp', 'Dijkzicht'];
const COMMON = new Set(['meldcode', 'protocol', 'zorg', 'jeugd', 'wmo', 'algemeen', 'onderwijs', 'kinderopvang', 'stichting', 'praktijk', 'gemeente', 'webpagina', 'welzijn', 'ziekenhuis', 'verpleeghuis', 'apotheek', 'privacyverklaring', 'kraamzorg', 'sportvereniging', 'schuldhulp', 'leerplicht', 'calamiteiten', 'meldplicht', 'maatschappelijk', 'werk', 'sociaal', 'wijkteam', 'vrouwenopvang', 'jeugdbescherming', 'gastouderbureau', 'huisartsenpost', 'klokkenluidersregeling', 'verloskundigenpraktijk']);

/** Capitalised name words of a fixture, guessed from its file name (de-waterlinie → Waterlinie). */
function nameWords(file) {
  const slug = path.basename(file).replace(/\.(src\.)?md$/, '');
  return slug.split('-').filter((w) => w.length >= 5 && !/^\d+$/.test(w) && !COMMON.has(w)).map((w) => w[0].toUpperCase() + w.slice(1));
}

function renameBlocks(blocks, names, replacement) {
  if (!names.length) return blocks;
  const re = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
  const sub = (t) => t.replace(re, replacement);
  return blocks.map((b) => (b.type === 'table' ? { ...b, rows: b.rows.map((r) => r.map(sub)) } : { ...b, text: sub(b.text) }));
}

/** Drops whole level-2 sections (heading and everything up to the next heading of level ≤ 2). */
function dropSections(blocks, drop) {
  const out = [];
  let section = -1;
  let skipping = false;
  for (const b of blocks) {
    if (b.type === 'h' && b.level <= 2) {
      if (b.level === 2) section++;
      skipping = b.level === 2 && drop.has(section);
    }
    if (!skipping) out.push(b);
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Renderers

function toMarkdown(blocks) {
  const out = [];
  for (const [i, b] of blocks.entries()) {
    const next = blocks[i + 1];
    if (b.type === 'h') out.push(`${'#'.repeat(b.level)} ${b.text}`, '');
    else if (b.type === 'p') out.push(b.text, '');
    else if (b.type === 'li') {
      out.push(`${b.level ? '   ' : ''}${b.ordered ? '1.' : '-'} ${b.text}`);
      if (next?.type !== 'li') out.push('');
    } else if (b.type === 'table') {
      const esc = (c) => c.replace(/\|/g, '/');
      out.push(`| ${b.rows[0].map(esc).join(' | ')} |`, `|${b.rows[0].map(() => '---').join('|')}|`, ...b.rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`), '');
    }
  }
  return out.join('\n');
}

function segments(text) {
  const out = [];
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*)/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push({ text: plain(text.slice(last, m.index)) });
    if (m[0].startsWith('**')) out.push({ text: m[0].slice(2, -2), bold: true });
    else out.push({ text: m[0].slice(1, -1), italics: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: plain(text.slice(last)) });
  return out.filter((s) => s.text);
}

async function toDocx(blocks, out, opts) {
  const docx = require('docx');
  const { Document, Packer, Paragraph, TextRun, HeadingLevel, Header, Footer, PageNumber, Table, TableRow, TableCell, WidthType, AlignmentType, LevelFormat } = docx;
  const mode = opts.headingMode ?? 'styles';
  const children = [];
  let instance = 0;
  let prevOrdered = false;
  const runs = (text, base = {}) => segments(text).map((s) => new TextRun({ ...base, ...s }));
  for (const b of blocks) {
    if (b.type !== 'li' || !b.ordered) prevOrdered = false;
    if (b.type === 'h') {
      if (mode === 'styles') children.push(new Paragraph({ heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][b.level - 1], children: [new TextRun(plain(b.text))] }));
      else if (mode === 'kop') children.push(new Paragraph({ style: `Kop${b.level}`, children: [new TextRun(plain(b.text))] }));
      else children.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: plain(b.text), bold: true, size: [32, 26, 22][b.level - 1] })] }));
    } else if (b.type === 'p') {
      children.push(new Paragraph({ spacing: { after: 120 }, children: runs(b.text) }));
    } else if (b.type === 'li') {
      if (b.ordered) {
        if (!prevOrdered) instance++;
        prevOrdered = true;
        children.push(new Paragraph({ numbering: { reference: 'num', level: b.level, instance }, children: runs(b.text) }));
      } else children.push(new Paragraph({ bullet: { level: b.level }, children: runs(b.text) }));
    } else if (b.type === 'table') {
      const n = b.rows[0].length;
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map((row, ri) => new TableRow({ tableHeader: ri === 0, children: row.map((cell) => new TableCell({ width: { size: Math.floor(100 / n), type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs(cell, ri === 0 ? { bold: true } : {}) })] })) })),
        }),
      );
      children.push(new Paragraph({ children: [] }));
    }
  }
  const styles = { default: { document: { run: { font: 'Calibri', size: 21 } } } };
  if (mode === 'kop') {
    styles.paragraphStyles = [1, 2, 3].map((lvl) => ({ id: `Kop${lvl}`, name: `Kop ${lvl}`, basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: [32, 26, 22][lvl - 1] }, paragraph: { spacing: { before: 240, after: 120 }, outlineLevel: lvl - 1, keepNext: true } }));
  }
  const numbering = { config: [{ reference: 'num', levels: [0, 1].map((level) => ({ level, format: level === 0 ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER, text: level === 0 ? '%1.' : '%2.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) }] };
  const section = {
    properties: {},
    children,
    headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: opts.header, size: 16 })] })] }) },
    footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'pagina ', size: 16 }), new TextRun({ children: [PageNumber.CURRENT], size: 16 }), new TextRun({ text: ' van ', size: 16 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 })] })] }) },
  };
  const doc = new Document({ creator: 'bench', title: opts.title ?? '', styles, numbering, sections: [section] });
  fs.writeFileSync(out, await Packer.toBuffer(doc));
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu';

/** PDF with a running header and a "pagina X van Y" footer on every page; returns the page count. */
function toPdf(blocks, out, opts) {
  const PDFDocument = require('pdfkit');
  return new Promise((resolve, reject) => {
    const margins = { top: 72, bottom: 72, left: 62, right: 62 };
    const doc = new PDFDocument({ size: 'A4', margins, bufferPages: true, info: { Title: opts.title ?? '', Creator: 'bench' } });
    const stream = fs.createWriteStream(out);
    doc.pipe(stream);
    const F = { r: 'Helvetica', b: 'Helvetica-Bold', i: 'Helvetica-Oblique' };
    let safe = (t) => t.replace(/[→↓←↑]/g, '->').replace(/[^\x00-\xff–—‘’“”•…€·]/g, '?');
    if (fs.existsSync(`${DEJAVU}/DejaVuSans.ttf`)) {
      doc.registerFont('DV', `${DEJAVU}/DejaVuSans.ttf`);
      doc.registerFont('DV-B', `${DEJAVU}/DejaVuSans-Bold.ttf`);
      doc.registerFont('DV-I', `${DEJAVU}/DejaVuSans-Oblique.ttf`);
      Object.assign(F, { r: 'DV', b: 'DV-B', i: 'DV-I' });
      safe = (t) => t;
    }
    const size = 9.5;
    const L = margins.left;
    const W = doc.page.width - L - margins.right;
    const ensure = (h) => {
      if (doc.y + h > doc.page.height - margins.bottom) doc.addPage();
    };
    const rich = (text, x, width, sz = size) => {
      const segs = segments(text);
      if (!segs.length) return;
      doc.fontSize(sz);
      segs.forEach((s, k) => {
        doc.font(s.bold ? F.b : s.italics ? F.i : F.r);
        const o = { width, continued: k < segs.length - 1, lineGap: 1.5 };
        if (k === 0) doc.text(safe(s.text), x, doc.y, o);
        else doc.text(safe(s.text), o);
      });
    };
    let num = 0;
    for (const b of blocks) {
      if (b.type !== 'li' || !b.ordered) num = 0;
      if (b.type === 'h') {
        ensure(60);
        doc.moveDown(0.4);
        doc.font(F.b).fontSize([16, 13, 11][b.level - 1]).text(safe(plain(b.text)), L, doc.y, { width: W });
        doc.moveDown(0.3);
      } else if (b.type === 'p') {
        ensure(24);
        rich(b.text, L, W);
        doc.moveDown(0.5);
      } else if (b.type === 'li') {
        ensure(22);
        const indent = 20 + b.level * 18;
        const y = doc.y;
        doc.font(F.r).fontSize(size).text(b.ordered ? `${++num}.` : '•', L + indent - 14, y);
        doc.y = y;
        rich(b.text, L + indent, W - indent);
        doc.moveDown(0.2);
      } else if (b.type === 'table') {
        const n = b.rows[0].length;
        const w = W / n;
        b.rows.forEach((row, ri) => {
          doc.fontSize(8.5);
          const h = Math.max(...row.map((c) => (doc.font(ri === 0 ? F.b : F.r), doc.heightOfString(safe(plain(c)) || ' ', { width: w - 8 })))) + 8;
          ensure(h);
          const y = doc.y;
          row.forEach((c, ci) => {
            doc.rect(L + ci * w, y, w, h).stroke('#8a9bab');
            doc.fillColor('black').font(ri === 0 ? F.b : F.r).fontSize(8.5).text(safe(plain(c)), L + ci * w + 4, y + 4, { width: w - 8 });
          });
          doc.x = L;
          doc.y = y + h;
        });
        doc.moveDown(0.6);
      }
    }
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      const saved = { ...doc.page.margins };
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      doc.font(F.r).fontSize(8).fillColor('#666666').text(safe(opts.header), L, 34, { width: W, align: 'right', lineBreak: false });
      doc.font(F.r).fontSize(8).fillColor('#666666').text(`pagina ${p + 1} van ${range.count}`, L, doc.page.height - 46, { width: W, align: 'center', lineBreak: false });
      doc.fillColor('black');
      doc.page.margins = saved;
    }
    doc.end();
    stream.on('finish', () => resolve(range.count));
    stream.on('error', reject);
  });
}

// ------------------------------------------------------------------------------------------
// The sets

function loadSources() {
  return sourceFiles().map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { file, text, blocks: parse(text), names: nameWords(file) };
  });
}

/** One long document of about pages × WORDS_PER_PAGE words: the fixtures one after another as parts. */
function longDocument(sources, pages) {
  const target = pages * WORDS_PER_PAGE;
  const out = [];
  let n = 0;
  let part = 0;
  while (n < target) {
    const src = sources[part % sources.length];
    const org = `${ORG_NAMES[part % ORG_NAMES.length]}${part >= ORG_NAMES.length ? ` ${Math.floor(part / ORG_NAMES.length) + 1}` : ''}`;
    let blocks = renameBlocks(src.blocks, src.names, org);
    if (part > 0) blocks = blocks.map((b) => (b.type === 'h' && b.level === 1 ? { ...b, text: `Deel ${part + 1}: ${b.text}` } : b));
    for (const b of blocks) {
      if (n >= target) break;
      out.push(b);
      n += blockWords(b);
    }
    part++;
  }
  return { blocks: out, words: n };
}

function key(sources) {
  const h = createHash('sha256').update(GEN_VERSION);
  for (const s of sources) h.update(path.relative(ROOT, s.file)).update(s.text);
  return h.digest('hex').slice(0, 16);
}

/** Builds the set unless bench/.cache/manifest.json has the same key. Returns the manifest. */
export async function ensureSet({ log = () => {}, force = false } = {}) {
  const sources = loadSources();
  if (!sources.length) throw new Error('no fixture texts found');
  const k = key(sources);
  const manifestFile = path.join(CACHE, 'manifest.json');
  if (!force && fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (m.key === k && m.version === GEN_VERSION) return { ...m, built: false };
  }
  const t0 = performance.now();
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(path.join(CACHE, 'single'), { recursive: true });
  fs.mkdirSync(path.join(CACHE, 'batch'), { recursive: true });
  const single = [];
  for (const pages of SIZES) {
    const { blocks, words: w } = longDocument(sources, pages);
    const base = path.join(CACHE, 'single', `p${pages}`);
    const header = 'Meldcode huiselijk geweld en kindermishandeling · benchmarkdocument';
    fs.writeFileSync(`${base}.md`, toMarkdown(blocks));
    log(`  p${pages}.md`);
    await toDocx(blocks, `${base}.docx`, { header, title: `Meldcode ${pages} pagina's` });
    log(`  p${pages}.docx`);
    const pdfPages = await toPdf(blocks, `${base}.pdf`, { header, title: `Meldcode ${pages} pagina's` });
    log(`  p${pages}.pdf (${pdfPages} pages)`);
    single.push({ pages, words: w, pdfPages, files: { md: `single/p${pages}.md`, docx: `single/p${pages}.docx`, pdf: `single/p${pages}.pdf` } });
  }
  const batch = [];
  const modes = ['styles', 'kop', 'bold'];
  for (let i = 0; i < BATCH_SIZE; i++) {
    const r = rng(1000 + i);
    const src = sources[i % sources.length];
    const format = ['md', 'docx', 'pdf'][(i + Math.floor(i / sources.length)) % 3];
    const org = `${ORG_NAMES[Math.floor(r() * ORG_NAMES.length)]}${i % 7 === 0 ? '' : ` ${['Noord', 'Zuid', 'Oost', 'West', 'Midden', 'Centrum'][i % 6]}`}`;
    let blocks = renameBlocks(src.blocks, src.names, org);
    // A third keeps every section; the others lose one or two level-2 sections.
    const sections = blocks.filter((b) => b.type === 'h' && b.level === 2).length;
    const drop = new Set();
    if (i % 3 !== 0 && sections > 2) {
      const n = i % 3;
      for (let k = 0; k < n; k++) drop.add(Math.floor(r() * sections));
      blocks = dropSections(blocks, drop);
    }
    const name = `${String(i).padStart(3, '0')}-${path.basename(src.file).replace(/\.(src\.)?md$/, '')}.${format}`;
    const out = path.join(CACHE, 'batch', name);
    if (format === 'md') fs.writeFileSync(out, toMarkdown(blocks));
    else if (format === 'docx') await toDocx(blocks, out, { headingMode: modes[i % 3], header: `${org} – meldcode`, title: `Meldcode ${org}` });
    else await toPdf(blocks, out, { header: `${org} · Meldcode huiselijk geweld en kindermishandeling`, title: `Meldcode ${org}` });
    batch.push({ file: `batch/${name}`, format, source: path.relative(ROOT, src.file), dropped: [...drop] });
  }
  log(`  batch: ${BATCH_SIZE} documents`);
  const manifest = { version: GEN_VERSION, key: k, wordsPerPage: WORDS_PER_PAGE, built: new Date().toISOString(), buildSeconds: Math.round((performance.now() - t0) / 100) / 10, single, batch };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return { ...manifest, built: true };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = await ensureSet({ log: (s) => console.log(s), force: process.argv.includes('--force') });
  console.log(`${m.built ? 'built' : 'up to date'}: ${CACHE} (${m.buildSeconds} s)`);
}
