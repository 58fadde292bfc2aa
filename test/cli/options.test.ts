import { describe, expect, it } from 'vitest';
import { SECTORS } from '../../src/rules/schema.js';
import { UsageError } from '../../src/cli/errors.js';
import { parseCheckOptions } from '../../src/cli/check.js';
import { parseDelimiter, parseFormat, parseReport, parseSector, preScanLang, SECTOR_CHOICES } from '../../src/cli/options.js';
import { useColor } from '../../src/cli/color.js';
import { normaliseId } from '../../src/cli/rules.js';

describe('option parsing', () => {
  it('knows the same sectors as the rule schema', () => {
    expect([...SECTOR_CHOICES]).toEqual([...SECTORS]);
  });

  it('refuses unknown values with one localised line', () => {
    expect(() => parseSector('ziekenhuis', 'nl')).toThrow("onbekende sector 'ziekenhuis': kies uit wmo, jeugd, zorg, kinderopvang, onderwijs, algemeen");
    expect(() => parseSector('ziekenhuis', 'en')).toThrow("unknown sector 'ziekenhuis': choose from wmo");
    expect(() => parseFormat('pdf', 'nl')).toThrow(UsageError);
    expect(parseFormat('MD', 'nl')).toBe('markdown');
    expect(parseSector('WMO', 'nl')).toBe('wmo');
    expect(() => parseCheckOptions({ jobs: '0' }, 'nl')).toThrow("--jobs verwacht een geheel getal groter dan 0, niet '0'");
    expect(() => parseCheckOptions({ timeout: 'abc' }, 'nl')).toThrow("--timeout verwacht een getal groter dan 0, niet 'abc'");
    expect(() => parseCheckOptions({ failOn: 'fatal' }, 'nl')).toThrow("onbekend niveau 'fatal' voor --fail-on");
    expect(parseCheckOptions({ maxWarnings: '0', timeout: '2,5' }, 'nl')).toMatchObject({ maxWarnings: 0, timeoutSeconds: 2.5, failOn: 'error', format: 'stylish', progress: true });
  });

  it('parses --report and --csv-delimiter', () => {
    expect(parseReport('json=uit/rapport.json', 'nl')).toEqual({ format: 'json', file: 'uit/rapport.json' });
    expect(parseReport('sarif=a=b.sarif', 'nl')).toEqual({ format: 'sarif', file: 'a=b.sarif' });
    expect(() => parseReport('rapport.json', 'nl')).toThrow('gebruik formaat=bestand');
    expect(parseDelimiter(';', 'nl')).toBe(';');
    expect(parseDelimiter('tab', 'nl')).toBe('\t');
    expect(() => parseDelimiter(';;', 'nl')).toThrow('ongeldig scheidingsteken');
    expect(() => parseDelimiter('"', 'nl')).toThrow('ongeldig scheidingsteken');
  });

  it('finds the language before commander runs', () => {
    expect(preScanLang(['check', 'x.md'], {})).toEqual({ lang: 'nl' });
    expect(preScanLang(['--lang', 'en', 'x.md'], {})).toEqual({ lang: 'en' });
    expect(preScanLang(['x.md', '--lang=EN'], {})).toEqual({ lang: 'en' });
    expect(preScanLang(['x.md'], { MELDCODE_LANG: 'en' })).toEqual({ lang: 'en' });
    expect(preScanLang(['--lang', 'nl'], { MELDCODE_LANG: 'en' })).toEqual({ lang: 'nl' });
    expect(preScanLang(['--lang', 'de'], {}).error).toBe("onbekende taal 'de': kies nl of en");
    expect(preScanLang(['--', '--lang', 'en'], {})).toEqual({ lang: 'nl' });
  });

  it('decides on colour: flag, NO_COLOR, FORCE_COLOR, TTY', () => {
    expect(useColor(undefined, {}, true)).toBe(true);
    expect(useColor(undefined, {}, false)).toBe(false);
    expect(useColor(false, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor(undefined, { FORCE_COLOR: '' }, false)).toBe(true);
    expect(useColor(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(useColor(undefined, { TERM: 'dumb' }, true)).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' }, false)).toBe(true);
  });

  it('normalises rule IDs for explain', () => {
    expect(normaliseId('m4')).toBe('M04');
    expect(normaliseId('M03.1')).toBe('M03.1');
    expect(normaliseId('m3.1')).toBe('M03.1');
    expect(normaliseId('s1')).toBe('S01');
  });
});
