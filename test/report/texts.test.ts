import { describe, expect, it } from 'vitest';
import { REPORT_TEXTS, reportTranslator } from '../../src/report/texts.js';

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
});
