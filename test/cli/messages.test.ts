import { describe, expect, it } from 'vitest';
import { MESSAGES, t } from '../../src/i18n/messages.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages table', () => {
  it('has a Dutch and an English text for every message, with the same placeholders', () => {
    for (const [key, m] of Object.entries(MESSAGES)) {
      expect(m.nl.trim(), key).not.toBe('');
      expect(m.en.trim(), key).not.toBe('');
      expect(placeholders(m.en), key).toEqual(placeholders(m.nl));
    }
  });

  it('has no English left in the Dutch texts (spot check) and fills placeholders', () => {
    for (const [key, m] of Object.entries(MESSAGES)) {
      if (key.startsWith('cli.help.examples') || key.startsWith('loc.') || key === 'err.usage') continue;
      expect(m.nl.replace(/\{\w+\}/g, ''), key).not.toMatch(/\b(the|and|file|not found|error:)\b/);
    }
    expect(t('nl', 'label.of', { x: 23, n: 30 })).toBe('23 van 30');
    expect(t('en', 'label.of', { x: 23, n: 30 })).toBe('23 of 30');
  });
});
