import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRuleSet, ruleSources, writeRulesCache } from '../../src/rules/load.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'meldcode-rules-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const M01 = 'M01-eigen-vastgestelde-meldcode.yaml';
const fresh = () => ruleSources(loadRuleSet(DEFAULT_RULES_DIR, { cacheFile: false }))!;
type CacheFile = { version: 1; files: Record<string, { kind: string; text: string; data: { id?: string; title?: { nl?: string } } }> };

function writeCache(edit?: (c: CacheFile) => void): string {
  const file = path.join(tmp, `cache-${Math.random().toString(36).slice(2)}.json`);
  writeRulesCache(file);
  if (edit) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    edit(c);
    writeFileSync(file, JSON.stringify(c));
  }
  return file;
}

describe('the build-time cache of validated rule files', () => {
  it('records every rule file with its text, and loading through it gives the same rule set', () => {
    const file = writeCache();
    const c = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    expect(Object.keys(c.files)).toContain(M01);
    expect(c.files[M01]!.text).toBe(readFileSync(path.join(DEFAULT_RULES_DIR, M01), 'utf8'));
    const viaCache = ruleSources(loadRuleSet(DEFAULT_RULES_DIR, { cacheFile: file }))!;
    expect(isDeepStrictEqual(viaCache, fresh())).toBe(true);
  });

  it('is used for a file whose text is unchanged (the cached data is what the rule set gets)', () => {
    const file = writeCache((c) => (c.files[M01]!.data.title!.nl = 'UIT DE CACHE'));
    const set = loadRuleSet(DEFAULT_RULES_DIR, { cacheFile: file });
    expect(set.byId.get('M01')!.title.nl).toBe('UIT DE CACHE');
  });

  it('is ignored for a file whose text changed since the build: that file is parsed and validated again', () => {
    const file = writeCache((c) => {
      c.files[M01]!.text += '# edited';
      c.files[M01]!.data.title!.nl = 'VEROUDERD';
    });
    const set = loadRuleSet(DEFAULT_RULES_DIR, { cacheFile: file });
    expect(set.byId.get('M01')!.title.nl).not.toBe('VEROUDERD');
    expect(isDeepStrictEqual(ruleSources(set), fresh())).toBe(true);
  });

  it('a missing or damaged cache file is no error: the YAML is read as always', () => {
    const damaged = path.join(tmp, 'damaged.json');
    writeFileSync(damaged, '{"version":1,"files":');
    for (const cacheFile of [damaged, path.join(tmp, 'absent.json')]) {
      expect(isDeepStrictEqual(ruleSources(loadRuleSet(DEFAULT_RULES_DIR, { cacheFile })), fresh())).toBe(true);
    }
  });

  it('the build wrote one for the bundled rules, and it is current', () => {
    const built = path.resolve(DEFAULT_RULES_DIR, '..', 'dist', 'rules-cache.json');
    const c = JSON.parse(readFileSync(built, 'utf8')) as CacheFile;
    for (const [name, entry] of Object.entries(c.files)) expect(entry.text, name).toBe(readFileSync(path.join(DEFAULT_RULES_DIR, name), 'utf8'));
  });
});
