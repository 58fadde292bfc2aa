import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, ignoreFilter, loadConfig, resolveConfigPath, ruleOptions } from '../../src/policy/config.js';
import { ConfigError } from '../../src/policy/errors.js';
import { RULE_IDS, tempTrees } from './helpers.js';

const tree = tempTrees();

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const YAML_CONFIG = `# Meldcode-beleid van Stichting De Waterlinie
sector: wmo
lang: nl
failOn: warning
maxWarnings: 3
format: stylish
rules:
  M07: off
  M10: info
  S06: warning
waivers: policy/meldcode-waivers.yaml
baseline: policy/meldcode-baseline.json
ignore:
  - archief
  - "*.concept.docx"
  - beleid/oud/**
`;

describe('config discovery', () => {
  it('finds meldcode.config.yaml upward from a nested folder', () => {
    const root = tree({ '.git/': '', 'meldcode.config.yaml': YAML_CONFIG, 'beleid/2025/locaties/': '' });
    const cwd = path.join(root, 'beleid/2025/locaties');
    const loaded = loadConfig({ cwd, knownRuleIds: RULE_IDS });
    expect(loaded.file).toBe(path.join(root, 'meldcode.config.yaml'));
    expect(loaded.dir).toBe(root);
    expect(loaded.config).toEqual({
      sector: 'wmo',
      lang: 'nl',
      failOn: 'warning',
      maxWarnings: 3,
      format: 'stylish',
      rules: { M07: 'off', M10: 'info', S06: 'warning' },
      waivers: 'policy/meldcode-waivers.yaml',
      baseline: 'policy/meldcode-baseline.json',
      ignore: ['archief', '*.concept.docx', 'beleid/oud/**'],
    });
    expect(resolveConfigPath(loaded, loaded.config.waivers!)).toBe(path.join(root, 'policy/meldcode-waivers.yaml'));
  });

  it('takes the nearest config and reads JSON (.meldcoderc.json too)', () => {
    const root = tree({
      '.git/': '',
      'meldcode.config.yaml': 'sector: zorg\n',
      'team/meldcode.config.json': JSON.stringify({ $schema: '../schemas/meldcode.config.schema.json', sector: 'jeugd', rules: { 'M03.4': 'warning' } }),
      'team/sub/': '',
      'other/.meldcoderc.json': '{ "failOn": "info" }',
    });
    const near = loadConfig({ cwd: path.join(root, 'team/sub'), knownRuleIds: RULE_IDS });
    expect(near.file).toBe(path.join(root, 'team/meldcode.config.json'));
    expect(near.config.sector).toBe('jeugd');
    expect(ruleOptions(near.config).severity.get('M03.4')).toBe('warning');
    expect(loadConfig({ cwd: path.join(root, 'other'), knownRuleIds: RULE_IDS }).config).toEqual({ failOn: 'info' });
  });

  it('stops at the folder that contains .git', () => {
    const root = tree({ 'meldcode.config.yaml': 'sector: zorg\n', 'repo/.git/': '', 'repo/docs/': '' });
    expect(findConfigFile(path.join(root, 'repo/docs'))).toBeUndefined();
    const loaded = loadConfig({ cwd: path.join(root, 'repo/docs'), knownRuleIds: RULE_IDS });
    expect(loaded).toEqual({ config: {}, dir: path.join(root, 'repo/docs') });
  });

  it('uses an explicit path without searching, relative to cwd', () => {
    const root = tree({ 'meldcode.config.yaml': 'sector: zorg\n', 'ci/strict.yml': 'failOn: info\n' });
    const loaded = loadConfig({ cwd: root, explicitPath: 'ci/strict.yml', knownRuleIds: RULE_IDS });
    expect(loaded.config).toEqual({ failOn: 'info' });
    expect(loaded.dir).toBe(path.join(root, 'ci'));
  });

  it('an explicit path that does not exist is an error', () => {
    const root = tree({});
    const err = configError(() => loadConfig({ cwd: root, explicitPath: 'nope.yaml', knownRuleIds: RULE_IDS }));
    expect(err.file).toBe(path.join(root, 'nope.yaml'));
    expect(err.problem).toBe('file not found');
  });

  it('two config files in one folder is an error', () => {
    const root = tree({ '.git/': '', 'meldcode.config.json': '{}', 'meldcode.config.yaml': '' });
    expect(configError(() => loadConfig({ cwd: root, knownRuleIds: RULE_IDS })).problem).toMatch(/more than one config file.*meldcode\.config\.json, meldcode\.config\.yaml/);
  });

  it('an empty YAML file is an empty config', () => {
    const root = tree({ '.git/': '', 'meldcode.config.yml': '# nog niets\n' });
    expect(loadConfig({ cwd: root, knownRuleIds: RULE_IDS }).config).toEqual({});
  });
});

describe('config errors name the key', () => {
  const cases: Array<{ name: string; file: string; text: string; key: string; message: RegExp; line?: number }> = [
    {
      name: 'bad rule level (YAML)',
      file: 'meldcode.config.yaml',
      text: 'sector: wmo\nrules:\n  M04: err\n',
      key: 'rules.M04',
      message: /^meldcode\.config\.yaml:3: rules\.M04: expected "off" \| "error" \| "warning" \| "info", got "err"$/,
      line: 3,
    },
    { name: 'unknown rule ID', file: 'meldcode.config.yaml', text: 'rules:\n  M99: off\n', key: 'rules.M99', message: /rules\.M99: unknown rule ID$/ },
    { name: 'rule ID near miss', file: 'meldcode.config.yaml', text: 'rules:\n  m4: off\n', key: 'rules.m4', message: /rules\.m4: unknown rule ID \(did you mean "M04"\?\)/ },
    { name: 'unknown top-level key', file: 'meldcode.config.json', text: '{\n  "sector": "wmo",\n  "fail-on": "warning"\n}\n', key: 'fail-on', message: /^meldcode\.config\.json:3: fail-on: unknown key \(did you mean "failOn"\?\)$/, line: 3 },
    { name: 'unknown sector', file: 'meldcode.config.yaml', text: 'sector: ziekenhuis\n', key: 'sector', message: /sector: expected "wmo" \| "jeugd" \| "zorg" \| "kinderopvang" \| "onderwijs" \| "algemeen", got "ziekenhuis"/ },
    { name: 'negative maxWarnings', file: 'meldcode.config.json', text: '{"maxWarnings": -1}', key: 'maxWarnings', message: /maxWarnings: must be >= 0/ },
    { name: 'maxWarnings as text', file: 'meldcode.config.yaml', text: 'maxWarnings: "tien"\n', key: 'maxWarnings', message: /maxWarnings: expected a number, got "tien"/ },
    { name: 'ignore not a list', file: 'meldcode.config.yaml', text: 'ignore: archief\n', key: 'ignore', message: /ignore: expected a list, got "archief"/ },
    { name: 'empty ignore glob', file: 'meldcode.config.yaml', text: 'ignore:\n  - ok\n  - ""\n', key: 'ignore[1]', message: /ignore\[1\]: must not be empty/ },
    { name: 'bad ignore glob', file: 'meldcode.config.yaml', text: 'ignore:\n  - "beleid/{a,b"\n', key: 'ignore[0]', message: /ignore\[0\]: unbalanced "\{"/ },
    { name: 'bad lang', file: 'meldcode.config.yaml', text: 'lang: de\n', key: 'lang', message: /lang: expected "nl" \| "en", got "de"/ },
    { name: 'unknown format', file: 'meldcode.config.yaml', text: 'format: pdf\n', key: 'format', message: /format: expected "stylish" \| "json" \| "sarif" \| "junit" \| "csv" \| "markdown" \| "html" \| "md" \| "xml" \| "text", got "pdf"/ },
    { name: 'not an object', file: 'meldcode.config.yaml', text: '- sector: wmo\n', key: '', message: /^meldcode\.config\.yaml:1: expected an object, got a list$/ },
    { name: 'broken YAML', file: 'meldcode.config.yaml', text: 'rules:\n  M04: [error\n', key: '', message: /^meldcode\.config\.yaml:\d+: not valid YAML: / },
    { name: 'broken JSON', file: 'meldcode.config.json', text: '{ "sector": "wmo", }', key: '', message: /^meldcode\.config\.json: not valid JSON: / },
    { name: 'duplicate YAML key', file: 'meldcode.config.yaml', text: 'sector: wmo\nsector: zorg\n', key: '', message: /not valid YAML: .*unique/i },
  ];
  it.each(cases)('$name', ({ file, text, key, message, line }) => {
    const root = tree({ '.git/': '', [file]: text });
    const prev = process.cwd();
    process.chdir(root); // messages name the file relative to the working directory
    try {
      const err = configError(() => loadConfig({ cwd: root, knownRuleIds: RULE_IDS }));
      expect(err.key).toBe(key);
      expect(err.file).toBe(path.join(root, file));
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain('\n');
      if (line) expect(err.line).toBe(line);
    } finally {
      process.chdir(prev);
    }
  });
});

describe('config helpers', () => {
  it('ruleOptions splits off and severity overrides for the engine', () => {
    const { disabled, severity } = ruleOptions({ rules: { M07: 'off', S07: 'off', M10: 'error', M01: 'info' } });
    expect([...disabled]).toEqual(['M07', 'S07']);
    expect(Object.fromEntries(severity)).toEqual({ M10: 'error', M01: 'info' });
  });

  it('ignoreFilter: names anywhere, paths from the config folder, folders exclude their contents', () => {
    const root = tree({});
    const skip = ignoreFilter({ config: { ignore: ['archief', '*.concept.docx', 'beleid/oud/**', './tmp/*.md'] }, dir: root }, root);
    expect(skip('beleid/archief/meldcode-2013.docx')).toBe(true);
    expect(skip('archief')).toBe(true);
    expect(skip('beleid/meldcode.concept.docx')).toBe(true);
    expect(skip('beleid/oud/2019/meldcode.pdf')).toBe(true);
    expect(skip(path.join(root, 'tmp/x.md'))).toBe(true);
    expect(skip('tmp/sub/x.md')).toBe(false);
    expect(skip('beleid/meldcode.docx')).toBe(false);
    expect(skip('beleid/oudere-versie.docx')).toBe(false);
  });
});
