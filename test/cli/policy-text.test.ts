/**
 * Policy-file problems in Dutch: every problem text src/policy produces for a config or waiver
 * file is translated without English left over (problems are made by the real code, so a new or
 * changed text in src/policy shows up here).
 */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configErrorLine, isConfigErrorLike, problemText } from '../../src/cli/policy-text.js';
import { loadConfig } from '../../src/policy/config.js';
import { ConfigError } from '../../src/policy/errors.js';
import { parseBaseline } from '../../src/policy/baseline.js';
import { checkWaiversFile } from '../../src/policy/waivers.js';
import { RULE_IDS } from '../policy/helpers.js';

/** English words (not Dutch ones such as "in", "is", "of", "object"). */
const ENGLISH = /\b(expected|got|unknown|key|keys|file|found|must|needs|not|valid|did|mean|waiver|expired|expires|pattern|matches|duplicate|same|rule|list|number|string|empty|required|folder|more|than|keep|unbalanced|real|date|characters|every|name|the|and|or|an)\b/i;
/** The text without quoted values and parser messages (those stay as they are). */
const ownWords = (s: string) => s.replace(/"[^"]*"/g, '""').replace(/(geldige (JSON|YAML)): .*$/, '$1');

function folder(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'meldcode-text-')));
  mkdirSync(path.join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(root, rel), text);
  return root;
}

function configProblem(text: string, name = 'meldcode.config.yaml'): string {
  const root = folder({ [name]: text });
  try {
    loadConfig({ cwd: root, knownRuleIds: RULE_IDS });
  } catch (err) {
    if (err instanceof ConfigError) return err.problem;
    throw err;
  }
  throw new Error(`no problem in ${text}`);
}

const CONFIGS = [
  'rules:\n  M04: err\n',
  'rules:\n  M99: off\n',
  'rules:\n  m4: off\n',
  'fail-on: warning\n',
  'sector: ziekenhuis\n',
  'maxWarnings: -1\n',
  'maxWarnings: "tien"\n',
  'maxWarnings: 1.5\n',
  'ignore: archief\n',
  'ignore:\n  - ""\n',
  'ignore:\n  - "beleid/{a,b"\n',
  '- sector: wmo\n',
  'rules:\n  M04: [error\n',
  'format: pdf\n',
  'waivers: 3\n',
  'ignore: null\n',
];

const WAIVERS = `waivers:
  - { rule: M99, document: a.md, justification: j, approver: a, expires: 2026-01-01 }
  - { rule: "X*", document: a.md, justification: j, approver: a, expires: 2026-01-01 }
  - { rule: m4, document: a.md, justification: j, approver: a, expires: 2026-01-01 }
  - { rule: M04, justification: j, approver: a, expires: 2026-01-01 }
  - { rule: M04, document: a.md, sha256: abc, justification: j, approver: a, expires: 2026-01-01 }
  - { rule: M04, document: a.md, justification: "", approver: a, expires: 2026-01-01 }
  - { rule: M04, document: a.md, justification: j, expires: 2026-01-01 }
  - { rule: M04, document: a.md, justification: j, approver: a, expires: 01-01-2026 }
  - { rule: M04, document: a.md, justification: j, approver: a, expires: 2026-02-30 }
  - { rule: M04, document: "a{b", justification: j, approver: a, expires: 2026-01-01 }
  - { rule: M04, document: a.md, justification: j, approver: a, expires: 2026-01-01, extra: 1 }
  - { rule: M04, document: a.md, justification: j, approver: a, expires: 2025-01-01 }
  - { rule: M10, document: a.md, justification: j, approver: a, expires: 2026-01-10 }
  - { rule: M10, document: a.md, justification: j, approver: a, expires: 2026-01-10 }
  - { rule: "*", document: a.md, justification: j, approver: a, expires: 2026-12-31 }
`;

describe('policy problems in Dutch', () => {
  const problems = [
    ...CONFIGS.map((c) => configProblem(c)),
    configProblem('{ "sector": "wmo", }', 'meldcode.config.json'),
    ...checkWaiversFile(path.join(folder({ 'w.yaml': WAIVERS }), 'w.yaml'), RULE_IDS, '2026-01-05').map((p) => p.problem),
    ...checkWaiversFile(path.join(folder({}), 'weg.yaml'), RULE_IDS).map((p) => p.problem),
    ...checkWaiversFile(path.join(folder({ 'w.yaml': 'waiver: []\n' }), 'w.yaml'), RULE_IDS).map((p) => p.problem),
  ].filter(Boolean);

  it('covers the problems of config and waiver files', () => {
    expect(problems.length).toBeGreaterThanOrEqual(25);
  });

  it.each(problems)('%s', (problem) => {
    const nl = problemText(problem, 'nl');
    expect(ownWords(nl)).not.toMatch(ENGLISH);
    expect(problemText(problem, 'en')).toBe(problem);
  });

  it('keeps quoted values and suggestions', () => {
    expect(problemText('unknown rule ID (did you mean "M04"?)', 'nl')).toBe('onbekend onderdeel-ID (bedoelde u "M04"?)');
    expect(problemText('expected "off" | "error", got "err"', 'nl')).toBe('verwacht "off" | "error", niet "err"');
    expect(problemText('something new', 'nl')).toBe('something new');
  });

  it('a baseline problem and the one-line form with file, line and key', () => {
    let err: unknown;
    try {
      parseBaseline('{"version": 2}', 'meldcode-baseline.json');
    } catch (e) {
      err = e;
    }
    expect(isConfigErrorLike(err)).toBe(true);
    const line = configErrorLine(err as ConfigError, 'nl', process.cwd());
    expect(line).toMatch(/^meldcode-baseline\.json: version: verwacht 1, niet 2$/);
    expect(configErrorLine({ name: 'ConfigError', file: '/r/meldcode.config.yaml', key: 'rules.M04', problem: 'is required', line: 3 }, 'en', '/r')).toBe('meldcode.config.yaml:3: rules.M04: is required');
  });
});
