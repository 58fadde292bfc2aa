/** The CLI in-process (no spawn): help, version, rules, explain, error lines. */
import { describe, expect, it } from 'vitest';
import { main, toolVersion } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}, overrides: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    now: () => new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  });
  return { code, stdout, stderr };
}

describe('main (in-process)', () => {
  it('prints the version from package.json', async () => {
    const r = await run(['-v']);
    expect(r).toEqual({ code: 0, stdout: `${toolVersion()}\n`, stderr: '' });
    expect(toolVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has Dutch help with localised headings, and English with --lang en', async () => {
    const nl = await run(['check', '--help']);
    expect(nl.code).toBe(0);
    expect(nl.stdout).toMatch(/^Gebruik: meldcode check \[opties\] <bestanden of mappen\.\.\.>/);
    for (const h of ['Argumenten:', 'Opties:', 'Algemene opties:', 'Afsluitcodes:']) expect(nl.stdout).toContain(h);
    expect(nl.stdout).not.toMatch(/\b(Usage|Options|Arguments|display help|output the version)\b/);
    const en = await run(['check', '--help'], { MELDCODE_LANG: 'en' });
    expect(en.stdout).toMatch(/^Usage: meldcode check \[options\]/);
    expect(en.stdout).toContain('Global options:');
    expect(en.stdout).toContain('show help for this command');
    const root = await run(['help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('Opdrachten:');
    expect(root.stdout).toMatch(/explain \[opties\] <id>/);
  });

  it('commander errors are one localised line with exit 2', async () => {
    expect(await run(['check', 'a.md', '--qiuet'])).toEqual({ code: 2, stdout: '', stderr: "meldcode: onbekende optie '--qiuet' (bedoelde u --quiet?) (zie meldcode --help)\n" });
    expect((await run(['check', 'a.md', '--qiuet', '--lang', 'en'])).stderr).toBe("meldcode: unknown option '--qiuet' (did you mean --quiet?) (see meldcode --help)\n");
    expect((await run(['rules', 'extra'])).stderr).toBe("meldcode: te veel argumenten voor 'rules' (zie meldcode --help)\n");
  });

  it('an unexpected error is one line "interne fout", the stack only with MELDCODE_DEBUG=1', async () => {
    const boom = { write: () => { throw new Error('schijf weg\nmeer regels'); } };
    const r = await run(['rules'], {}, { stdout: boom });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('meldcode: interne fout: schijf weg (details: MELDCODE_DEBUG=1)\n');
    const d = await run(['rules'], { MELDCODE_DEBUG: '1' }, { stdout: boom });
    expect(d.stderr).toMatch(/^meldcode: interne fout: schijf weg\nError: schijf weg\n.*\n\s+at /);
  });

  it('rules --format json and explain --format json give parseable output', async () => {
    const rules = JSON.parse((await run(['rules', '--format', 'json', '--lang', 'en'])).stdout);
    expect(rules.lang).toBe('en');
    expect(rules.rules.find((r: { id: string }) => r.id === 'M04').title).toBe('Assessment framework (afwegingskader)');
    const ex = JSON.parse((await run(['explain', 'm03.5', '--format', 'json'])).stdout);
    expect(ex).toMatchObject({ id: 'M03.5', parent: 'M03', severity: 'error', decidesVerdict: true });
    expect(ex.helpUri).toBe('https://github.com/meldcode-check/meldcode-check/blob/main/docs/rules/M03.5.md');
  });

  it('explain shows sub-elements of a parent and the parent of a sub-element', async () => {
    const m03 = (await run(['explain', 'M03'])).stdout;
    expect(m03).toContain('M03.1 Stap 1: signalen in kaart brengen; M03.2');
    const m051 = (await run(['explain', 'M05.1'])).stdout;
    expect(m051.split('\n')[1]).toBe('fout · alle sectoren · telt mee voor het oordeel · onderdeel van M05');
    const m07 = (await run(['explain', 'M07'])).stdout;
    expect(m07.split('\n')[1]).toBe('info · alleen jeugd · telt niet mee voor het oordeel');
  });
});
