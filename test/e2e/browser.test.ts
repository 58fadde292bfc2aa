/**
 * The HTML report in a real browser: `meldcode check … --format html` on a small batch (labelled
 * fixtures, the example meldcode, a damaged file, a skipped image, a file name with markup), opened
 * in headless Chromium over the DevTools protocol (--remote-debugging-pipe, no port, no npm
 * dependency). Checks that the summary table and the bar charts render with a real size, that the
 * page logs no error and loads nothing from outside, that document text stays text, and that the
 * print layout starts every document on a new A4 page.
 *
 * Skipped, with a message, when no Chromium is installed (Debian: apt-get install chromium).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runAsync } from '../cli/spawn.js';
import { Browser, findChromium, type Page } from './cdp.js';

const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('test/e2e/browser.test.ts skipped: no Chromium found (/usr/bin/chromium; install with apt-get install chromium, or set CHROMIUM_PATH)');
const suite = CHROMIUM ? describe : describe.skip;

const LABELLED = path.join(ROOT, 'fixtures', 'labelled');
const FILES = [
  path.join(LABELLED, 'jeugd-jeugdbescherming-oostergouw.pdf'),
  path.join(LABELLED, 'kinderopvang-gastouderbureau-thuisnest.docx'),
  path.join(LABELLED, 'wmo-maatschappelijk-werk-zuidvliet-2013.md'),
  path.join(LABELLED, 'zorg-privacyverklaring-kraamzorg-ooievaarshof.md'),
  path.join(ROOT, 'fixtures', 'voorbeeld', 'meldcode-de-waterlinie.md'),
];
/** A file name that would become an element (and a request for "x") if the report did not escape it. */
const NASTY_NAME = 'meldcode <img src=x onerror=alert(1)> kopie.md';

interface Layout {
  elementsTable: { width: number; height: number; rows: number; visible: boolean };
  charts: Array<{ width: number; height: number; rects: number; filledWidth: number }>;
  kpiMain: string;
  docRows: number;
  docSections: number;
  unreadable: string;
  skipped: string;
  images: number;
  nastyNameShown: boolean;
  overflow: number;
  title: string;
}

const MEASURE = `(() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { width: r.width, height: r.height }; };
  const table = document.querySelector('table.elements');
  const charts = [...(table ? table.querySelectorAll('td.chart svg') : [])].map((svg) => ({
    ...box(svg),
    rects: svg.querySelectorAll('rect').length,
    filledWidth: [...svg.querySelectorAll('rect[x]')].reduce((w, r) => w + r.getBoundingClientRect().width, 0),
  }));
  return {
    elementsTable: table ? { ...box(table), rows: table.tBodies[0].rows.length, visible: getComputedStyle(table).display !== 'none' } : null,
    charts,
    kpiMain: document.querySelector('.kpis .main strong')?.textContent ?? '',
    docRows: document.querySelectorAll('table.docs tbody tr').length,
    docSections: document.querySelectorAll('section.doc').length,
    unreadable: document.querySelector('#onleesbaar')?.textContent ?? '',
    skipped: document.querySelector('#overgeslagen')?.textContent ?? '',
    images: document.images.length,
    nastyNameShown: (document.querySelector('table.docs')?.textContent ?? '').includes(${JSON.stringify(NASTY_NAME)}),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    title: document.title,
  };
})()`;

suite('HTML report in headless Chromium', () => {
  let work: string;
  let report: string;
  let browser: Browser;
  let page: Page;
  let layout: Layout;

  beforeAll(async () => {
    ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'meldcode-browser-'));
    const batch = path.join(work, 'inzendingen');
    mkdirSync(batch);
    // An unreadable file (a truncated zip), a skipped file, and a second meldcode with a nasty name.
    writeFileSync(path.join(batch, 'kapot.docx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from('afgebroken download')]));
    copyFileSync(path.join(ROOT, 'fixtures', 'voorbeeld', 'meldcode-de-waterlinie.md'), path.join(batch, 'organogram.png'));
    writeFileSync(path.join(batch, NASTY_NAME), `${readFileSync(FILES[4]!, 'utf8')}\n\nKopie voor de test.\n`);
    report = path.join(work, 'rapport.html');
    const res = await runAsync(['check', ...FILES, batch, '--format', 'html', '--output', report]);
    expect(existsSync(report), res.stderr).toBe(true);
    expect(res.stderr).not.toMatch(/TypeError|ReferenceError|at .*\.js:\d+/);

    browser = Browser.launch(CHROMIUM!);
    page = await browser.page();
    await page.send('Page.enable');
    await page.send('Runtime.enable');
    await page.send('Log.enable');
    await page.send('Network.enable');
    await page.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
    await page.goto(pathToFileURL(report).href);
    layout = await page.evaluate<Layout>(MEASURE);
  }, 25_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('renders the summary table per element with a real size', () => {
    expect(layout.title).toBe('Toets meldcode huiselijk geweld en kindermishandeling');
    expect(layout.elementsTable.visible).toBe(true);
    expect(layout.elementsTable.width).toBeGreaterThan(400);
    expect(layout.elementsTable.height).toBeGreaterThan(100);
    expect(layout.elementsTable.rows).toBe(16);
    expect(layout.kpiMain).toMatch(/^\d+ van \d+$/);
    expect(layout.overflow).toBeLessThanOrEqual(1);
  });

  it('draws an SVG bar per element, filled to the width of its cell', () => {
    expect(layout.charts).toHaveLength(16);
    for (const c of layout.charts) {
      expect(c.width).toBeGreaterThan(50);
      expect(c.height).toBeGreaterThan(5);
      expect(c.rects).toBeGreaterThanOrEqual(1);
    }
    // Elements that apply to some meldcode fill their bar completely (present + partial + missing).
    const filled = layout.charts.filter((c) => c.rects > 1);
    expect(filled.length).toBeGreaterThan(10);
    for (const c of filled) expect(Math.abs(c.filledWidth - c.width)).toBeLessThan(1.5);
  });

  it('lists the documents, the unreadable file and the skipped file apart', () => {
    expect(layout.docRows).toBe(6);
    expect(layout.docSections).toBe(6);
    expect(layout.unreadable).toContain('kapot.docx');
    expect(layout.skipped).toContain('organogram.png');
  });

  it('keeps document text as text: the file name with markup makes no element and no request', () => {
    expect(layout.nastyNameShown).toBe(true);
    expect(layout.images).toBe(0);
    expect(browser.events.filter((e) => e.method === 'Page.javascriptDialogOpening')).toEqual([]);
  });

  it('logs no error in the console and loads nothing but the report itself', () => {
    const errors = browser.events.filter(
      (e) =>
        e.method === 'Runtime.exceptionThrown' ||
        (e.method === 'Runtime.consoleAPICalled' && ['error', 'assert', 'warning'].includes(String(e.params.type))) ||
        (e.method === 'Log.entryAdded' && ['error', 'warning'].includes(String((e.params.entry as { level?: string })?.level))),
    );
    expect(errors.map((e) => JSON.stringify(e.params).slice(0, 300))).toEqual([]);
    expect(browser.stderr.split('\n').filter((l) => /ERROR:CONSOLE|Uncaught/.test(l))).toEqual([]);
    const requests = browser.events
      .filter((e) => e.method === 'Network.requestWillBeSent')
      .map((e) => String((e.params.request as { url: string }).url));
    expect(requests).toEqual([pathToFileURL(report).href]);
  });

  it('prints on A4 with a new page per document and without the navigation', async () => {
    await page.send('Emulation.setEmulatedMedia', { media: 'print' });
    const print = await page.evaluate<{ nav: string; breaks: string[]; top: string }>(`({
      nav: getComputedStyle(document.querySelector('nav.toc')).display,
      top: getComputedStyle(document.querySelector('.top')).display,
      breaks: [...document.querySelectorAll('section.doc')].map((s) => getComputedStyle(s).breakBefore),
    })`);
    expect(print.nav).toBe('none');
    expect(print.top).toBe('none');
    expect(print.breaks[0]).toBe('auto');
    expect(print.breaks.slice(1).every((b) => b === 'page')).toBe(true);
    const { data } = await page.send<{ data: string }>('Page.printToPDF', { preferCSSPageSize: true, printBackground: true });
    const pdf = Buffer.from(data, 'base64').toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    // Summary and tables first, then at least one page per document.
    expect(pages).toBeGreaterThanOrEqual(layout.docSections + 2);
    // A4 in points (595 × 842).
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
  });
});
