import { describe, expect, it } from 'vitest';
import { globToRegExp, matchGlob, relativePosix, ruleMatcher } from '../../src/policy/glob.js';

describe('globs', () => {
  const cases: Array<[string, string, boolean]> = [
    ['beleid/*.docx', 'beleid/meldcode.docx', true],
    ['beleid/*.docx', 'beleid/sub/meldcode.docx', false],
    ['beleid/**/*.docx', 'beleid/meldcode.docx', true],
    ['beleid/**/*.docx', 'beleid/a/b/meldcode.docx', true],
    ['**/meldcode.md', 'meldcode.md', true],
    ['**/meldcode.md', 'a/b/meldcode.md', true],
    ['**/meldcode.md', 'a/b/oude-meldcode.md', false],
    ['beleid/**', 'beleid/x/y.pdf', true],
    ['./beleid/*.pdf', 'beleid/a.pdf', true],
    ['meldcode-v?.md', 'meldcode-v2.md', true],
    ['meldcode-v?.md', 'meldcode-v12.md', false],
    ['*.{docx,pdf}', 'a.pdf', true],
    ['*.{docx,pdf}', 'a.md', false],
    ['locatie-[ab].md', 'locatie-b.md', true],
    ['locatie-[!ab].md', 'locatie-b.md', false],
    ['meldcode (2019).md', 'meldcode (2019).md', true],
    ['meldcode+kindcheck.md', 'meldcode+kindcheck.md', true],
    ['a\\*.md', 'a*.md', true],
    ['a\\*.md', 'ab.md', false],
    ['*.md', 'Meldcode.MD', false],
  ];
  it.each(cases)('%s ~ %s → %s', (glob, p, expected) => {
    expect(matchGlob(glob, p)).toBe(expected);
  });

  it('rejects an unbalanced brace', () => {
    expect(() => globToRegExp('a/{b,c')).toThrow(/unbalanced/);
  });

  it('relativePosix resolves against cwd and base folder', () => {
    expect(relativePosix('docs/a.md', '/repo/policy', '/repo')).toBe('../docs/a.md');
    expect(relativePosix('/repo/policy/a.md', '/repo/policy', '/elsewhere')).toBe('a.md');
  });

  it('rule patterns', () => {
    expect(['M03', 'M03.1', 'M03.5', 'M04'].filter(ruleMatcher('M03.*'))).toEqual(['M03.1', 'M03.5']);
    expect(['M03', 'M03.1', 'M04'].filter(ruleMatcher('M03*'))).toEqual(['M03', 'M03.1']);
    expect(['S01', 'S08', 'M01'].filter(ruleMatcher('S0?'))).toEqual(['S01', 'S08']);
    expect(['M04', 'M04.1'].filter(ruleMatcher('M04'))).toEqual(['M04']);
  });
});
