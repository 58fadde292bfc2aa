/** docs/rules/*.md is generated from the rule files; regenerate with UPDATE_DOCS=1. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleDocs } from '../../src/rules/docs.js';
import { loadRuleSet } from '../../src/rules/load.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

describe('rule documentation', () => {
  const docs = ruleDocs(loadRuleSet());
  if (process.env.UPDATE_DOCS) {
    mkdirSync(DOCS, { recursive: true });
    for (const [name, text] of docs) writeFileSync(path.join(DOCS, name), text);
  }
  it('has a page per rule that equals what the rule files generate', () => {
    for (const [name, text] of docs) {
      const file = path.join(DOCS, name);
      expect(existsSync(file), `${name} missing: run UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${name} is stale: run UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts`).toBe(text);
    }
  });
  it('states the legal basis and advice of M04', () => {
    expect(docs.get('M04.md')).toMatch(/Stb\. 2017, 291/);
    expect(docs.get('M04.md')).toMatch(/## Advies bij een tekort/);
  });
});
