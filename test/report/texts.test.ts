import { describe, expect, it } from 'vitest';
import { skipReasonText } from '../../src/batch/skip-reasons.js';
import { skippedSentence, skipText } from '../../src/report/common.js';
import { markdown } from '../../src/report/markdown.js';
import { stylish } from '../../src/report/stylish.js';
import { REPORT_TEXTS, reportTranslator } from '../../src/report/texts.js';
import { compliantDoc, input, NOW, pdfDoc } from './fixtures.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report texts', () => {
  it('has a Dutch and an English text for every key, with the same placeholders', () => {
    for (const [key, m] of Object.entries(REPORT_TEXTS)) {
      expect(m.nl.trim(), key).not.toBe('');
      expect(m.en.trim(), key).not.toBe('');
      expect(placeholders(m.en), key).toEqual(placeholders(m.nl));
      expect(m.nl.replace(/\{\w+\}/g, ''), key).not.toMatch(/\b(the|and|file|not|of)\b/);
    }
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(reportTranslator('nl')('summary.gapItem', { title: 'afwegingskader', k: 8, n: 32 })).toBe('afwegingskader (8 van 32)');
    expect(reportTranslator('en')('summary.gapItem', { title: 'framework', k: 8, n: 32 })).toBe('framework (8 of 32)');
    expect(reportTranslator('nl')('doc.seeIds', {})).toBe('zie {ids} hierboven');
  });

  it('names the skip reason `ignored` (the config\'s ignore) in Dutch and English', () => {
    expect(skipReasonText('ignored', 'nl')).toBe('genegeerd (ignore in de configuratie)');
    expect(skipReasonText('ignored', 'en')).toBe('ignored (ignore in the config)');
    expect(skipReasonText('ignored')).toBe('genegeerd (ignore in de configuratie)');
    expect(skipText('ignored', 'en')).toBe('ignored (ignore in the config)');
    // Unknown codes stay as they are, also names of Object.prototype.
    expect(skipReasonText('whatever', 'en')).toBe('whatever');
    expect(skipReasonText('constructor', 'en')).toBe('constructor');
    const batch = input([compliantDoc(), pdfDoc()], { skipped: [{ path: 'concept/oud.md', reason: 'ignored' }] });
    expect(skippedSentence(batch, 'nl')).toBe('1 bestand in de opgegeven mappen is niet onderzocht: genegeerd (ignore in de configuratie) (1).');
    expect(markdown(batch, { lang: 'en', now: NOW })).toContain('- concept/oud.md: ignored (ignore in the config)');
    expect(stylish(batch, { lang: 'nl', color: false })).toContain('genegeerd (ignore in de configuratie): oud.md');
  });
});
