import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputTargets, writeAtomic } from '../../src/cli/output.js';

describe('writing reports', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meldcode-out-'));
  const input = path.join(dir, 'meldcode.md');
  writeFileSync(input, '# Meldcode\n');

  it('refuses to write onto an input, also through another spelling or a link', () => {
    expect(() => checkOutputTargets([input], [input], 'nl')).toThrow(`weigering: ${input} is een invoerbestand en wordt niet overschreven`);
    expect(() => checkOutputTargets([path.join(dir, 'sub', '..', 'meldcode.md')], [input], 'nl')).toThrow('invoerbestand');
    const link = path.join(dir, 'link.md');
    symlinkSync(input, link);
    expect(() => checkOutputTargets([link], [input], 'en')).toThrow('refused: ');
  });

  it('gives one clear line for a missing folder, a folder as file, a file named twice', () => {
    const target = path.join(dir, 'bestaat-niet', 'rapport.html');
    expect(() => checkOutputTargets([target], [input], 'nl')).toThrow(`map bestaat niet: ${path.join(dir, 'bestaat-niet')} (voor ${target})`);
    expect(() => checkOutputTargets([dir], [input], 'nl')).toThrow('is een map; geef een bestandsnaam op');
    const r = path.join(dir, 'r.json');
    expect(() => checkOutputTargets([r, r], [input], 'nl')).toThrow('twee keer');
    expect(() => checkOutputTargets([r], [input], 'nl')).not.toThrow();
  });

  it('writes atomically and leaves no temporary file behind', () => {
    const r = path.join(dir, 'rapport.json');
    writeAtomic(r, '{"a":1}\n', 'nl');
    writeAtomic(r, '{"a":2}\n', 'nl');
    expect(readFileSync(r, 'utf8')).toBe('{"a":2}\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => writeAtomic(path.join(dir, 'nope', 'x.json'), 'x', 'nl')).toThrow(/kan .* niet schrijven: ENOENT/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
