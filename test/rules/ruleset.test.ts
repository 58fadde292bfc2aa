/** The rule set as data: complete, consistent with elements.md, and refused clearly when malformed. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRuleSet, RuleFileError } from '../../src/rules/load.js';

const ELEMENTS = ['M01', 'M02', 'M03', 'M03.1', 'M03.2', 'M03.3', 'M03.4', 'M03.5', 'M04', 'M05', 'M05.1', 'M06', 'M07', 'M08', 'M09', 'M10'];
const GOOD_PRACTICE = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08'];
const VERDICT = ['M02', 'M03', 'M03.1', 'M03.2', 'M03.3', 'M03.4', 'M03.5', 'M04', 'M05', 'M05.1', 'M06', 'M08', 'M09'];

describe('the shipped rule set', () => {
  const set = loadRuleSet();

  it('has one rule per element ID of elements.md, and the good-practice elements', () => {
    expect([...set.byId.keys()].sort()).toEqual([...ELEMENTS, ...GOOD_PRACTICE].sort());
  });

  it('orders dependencies first (steps before M03, M05.1 before M05)', () => {
    const order = set.rules.map((r) => r.id);
    for (const step of ['M03.1', 'M03.2', 'M03.3', 'M03.4', 'M03.5']) expect(order.indexOf(step)).toBeLessThan(order.indexOf('M03'));
    expect(order.indexOf('M05.1')).toBeLessThan(order.indexOf('M05'));
  });

  it('gives the severities and verdict roles the issue asks for', () => {
    for (const id of VERDICT) {
      expect(set.byId.get(id)!.severity, id).toBe('error');
      expect(set.byId.get(id)!.verdict, id).toBe(true);
    }
    for (const id of ['M01', 'M10']) expect(set.byId.get(id)!.severity, id).toBe('warning');
    for (const id of ['M07', ...GOOD_PRACTICE]) expect(set.byId.get(id)!.severity, id).toBe('info');
    for (const id of ['M01', 'M07', 'M10', ...GOOD_PRACTICE]) expect(set.byId.get(id)!.verdict, id).toBe(false);
  });

  it('limits M07 to jeugd and M08 outside kinderopvang and onderwijs', () => {
    expect(set.byId.get('M07')!.appliesTo).toEqual({ only: ['jeugd'] });
    expect(set.byId.get('M08')!.appliesTo).toEqual({ except: ['kinderopvang', 'onderwijs'] });
  });

  it('has Dutch and English texts and a legal basis for every rule', () => {
    for (const r of set.rules) {
      for (const t of [r.title, r.advice, r.messages.present, r.messages.partial, r.messages.missing, r.docs.requirement]) {
        expect(t.nl.length, r.id).toBeGreaterThan(3);
        expect(t.en.length, r.id).toBeGreaterThan(3);
      }
      expect(r.basis.article.length, r.id).toBeGreaterThan(3);
    }
  });
});

describe('a malformed rule file', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function brokenCopy(file: string, edit: (text: string) => string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'meldcode-rules-'));
    dirs.push(dir);
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const target = path.join(dir, file);
    writeFileSync(target, edit(readFileSync(target, 'utf8')));
    return dir;
  }

  function errorOf(dir: string): RuleFileError {
    try {
      loadRuleSet(dir);
    } catch (err) {
      if (err instanceof RuleFileError) return err;
      throw err;
    }
    throw new Error('no error');
  }

  it('names the file and the field for a wrong severity', () => {
    const err = errorOf(brokenCopy('M04-afwegingskader.yaml', (t) => t.replace('severity: error', 'severity: fatal')));
    expect(err.file).toMatch(/M04-afwegingskader\.yaml$/);
    expect(err.field).toBe('severity');
  });

  it('names the concept that a clause uses but nobody defines', () => {
    const err = errorOf(brokenCopy('M10-kennis-en-gebruik.yaml', (t) => t.replace('any: [training]', 'any: [trainingen]')));
    expect(err.message).toMatch(/M10-kennis-en-gebruik\.yaml: detect: unknown concept "trainingen"/);
  });

  it('names the concept whose regular expression is invalid', () => {
    const err = errorOf(brokenCopy('M08-kindcheck.yaml', (t) => t.replace('kindcheck: ["kindcheck\\\\w*"', 'kindcheck: ["kindcheck(\\\\w*"')));
    expect(err.field).toBe('concepts.kindcheck');
  });

  it('refuses YAML that does not parse, naming the file', () => {
    const err = errorOf(brokenCopy('M02-huiselijk-geweld-en-kindermishandeling.yaml', (t) => `${t}\n  - : [\n`));
    expect(err.message).toMatch(/M02-huiselijk-geweld-en-kindermishandeling\.yaml: not valid YAML/);
  });
});
