/**
 * docs/ci: the GitHub Actions workflow, the GitLab CI job and the pre-commit hooks, tested as far
 * as this machine allows. The YAML files are parsed and checked for the parts that matter; the
 * exact meldcode commands in them run on Markdown meldcodes in a temp folder (`npx --no meldcode`
 * becomes `node bin/meldcode.js`); the plain shell hook runs as a real git hook in a temp repository.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { meldcode } from './meldcodes.js';
import { BIN, ensureBuilt, ROOT } from './spawn.js';

const DOCS = path.join(ROOT, 'docs', 'ci');
const COMPLIANT = meldcode('De Linde', { afwegingskader: true, kennis: true });
const NON_COMPLIANT = meldcode('De Eik', { afwegingskader: false, kennis: true });
const NPX = 'npx --no meldcode';

const yamlFile = (name: string) => parse(readFileSync(path.join(DOCS, name), 'utf8')) as Record<string, unknown>;

/** A temp folder with .git (so no config is found above it) and beleid/ with the given files. */
function project(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'meldcode-ci-')));
  mkdirSync(path.join(dir, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'MELDCODE_LANG', 'MELDCODE_DEBUG']) delete env[k];
  return env;
}

/** Runs a command line from the docs with `npx --no meldcode` replaced by the built CLI. */
function sh(command: string, cwd: string, args: string[] = []) {
  expect(command.startsWith(`${NPX} `), command).toBe(true);
  const local = `"${process.execPath}" "${BIN}"${command.slice(NPX.length)}`;
  const res = spawnSync('sh', ['-c', `${local} "$@"`, 'sh', ...args], { cwd, encoding: 'utf8', env: childEnv(), timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

// Each test spawns the CLI, some several times; with the whole suite running in parallel that takes a while.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => ensureBuilt(), 200_000);

describe('docs/ci/github-actions.yml', () => {
  const wf = yamlFile('github-actions.yml') as {
    permissions: Record<string, string>;
    jobs: { meldcode: { steps: Array<{ uses?: string; run?: string; if?: string; with?: Record<string, unknown> }> } };
  };
  const steps = wf.jobs.meldcode.steps;
  const command = steps.find((s) => s.run?.includes('meldcode'))!.run!.trim();

  it('checks out, sets up Node 20, runs meldcode to SARIF and always uploads it', () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with!['node-version']).toBe(20);
    expect(command).toBe(`${NPX} check beleid/ --format sarif --output meldcode.sarif`);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toBe('always()');
    expect(upload.with!.sarif_file).toBe('meldcode.sarif');
    expect(wf.permissions['security-events']).toBe('write');
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.findIndex((s) => s.run === command));
  });

  it('its command exits 0 for compliant meldcodes and 1 for a gap, and writes the SARIF file both times', () => {
    const dir = project({ 'beleid/linde.md': COMPLIANT });
    const ok = sh(command, dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'meldcode.sarif'), 'utf8')).version).toBe('2.1.0');
    writeFileSync(path.join(dir, 'beleid', 'eik.md'), NON_COMPLIANT);
    const bad = sh(command, dir);
    expect(bad.code).toBe(1);
    const results = JSON.parse(readFileSync(path.join(dir, 'meldcode.sarif'), 'utf8')).runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    const m04 = results.find((r) => r.ruleId === 'M04')!;
    expect(m04.level).toBe('error');
    expect(m04.locations[0]!.physicalLocation.artifactLocation.uri).toBe('beleid/eik.md');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('docs/ci/gitlab-ci.yml', () => {
  const job = (yamlFile('gitlab-ci.yml') as { meldcode: { image: string; script: string[]; artifacts: { when: string; reports: { junit: string } } } }).meldcode;
  const command = job.script.find((l) => l.includes('meldcode'))!;

  it('uses Node 20 and keeps the JUnit report as artifact, also when the job fails', () => {
    expect(job.image).toBe('node:20');
    expect(job.artifacts.when).toBe('always');
    expect(command).toContain(`--report junit=${job.artifacts.reports.junit}`);
  });

  it('its command exits 0 or 1 and writes the JUnit report', () => {
    const dir = project({ 'beleid/linde.md': COMPLIANT });
    expect(sh(command, dir).code).toBe(0);
    writeFileSync(path.join(dir, 'beleid', 'eik.md'), NON_COMPLIANT);
    const bad = sh(command, dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✖ M04\s+Afwegingskader/); // the readable report in the job log
    const xml = readFileSync(path.join(dir, job.artifacts.reports.junit), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).toMatch(/<testcase classname="M04"[^>]*file="beleid\/eik\.md">\s*<failure/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('docs/ci/pre-commit-config.yaml (pre-commit framework)', () => {
  const hook = (yamlFile('pre-commit-config.yaml') as { repos: Array<{ repo: string; hooks: Array<{ id: string; entry: string; language: string; files: string }> }> }).repos[0]!;
  const h = hook.hooks[0]!;
  const files = new RegExp(h.files);

  it('is a local system hook on .docx, .pdf and .md files under beleid/', () => {
    expect(hook.repo).toBe('local');
    expect(h.language).toBe('system');
    expect(h.entry).toBe(`${NPX} check --format stylish`);
    const staged = ['beleid/linde.md', 'beleid/2025/eik.docx', 'beleid/scan.pdf', 'README.md', 'beleid/notities.txt', 'oud/beleid/x.md'];
    expect(staged.filter((f) => files.test(f))).toEqual(['beleid/linde.md', 'beleid/2025/eik.docx', 'beleid/scan.pdf']);
  });

  it('its entry, given the matching files as pre-commit does, exits 0, 1 or 2', () => {
    const dir = project({ 'beleid/linde.md': COMPLIANT, 'beleid/eik.md': NON_COMPLIANT, 'README.md': '# Beleid\n' });
    const staged = (names: string[]) => names.filter((f) => files.test(f));
    expect(sh(h.entry, dir, staged(['beleid/linde.md', 'README.md'])).code).toBe(0);
    const bad = sh(h.entry, dir, staged(['beleid/linde.md', 'beleid/eik.md']));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('eik.md');
    expect(sh(h.entry, dir, staged(['beleid/weg.docx'])).code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('docs/ci/pre-commit.sh (plain git hook)', () => {
  function git(dir: string, args: string[], env: Record<string, string> = {}) {
    const res = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: childEnv({ GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org', ...env }) });
    return { code: res.status, out: res.stdout + res.stderr };
  }

  it('runs on the staged meldcodes under beleid/ and refuses a commit with a gap', () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'meldcode-hook-')));
    expect(git(dir, ['init', '-q']).code).toBe(0);
    const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
    copyFileSync(path.join(DOCS, 'pre-commit.sh'), hook);
    chmodSync(hook, 0o755);
    // The hook splits MELDCODE on spaces (as in "npx --no meldcode"): these paths have none.
    expect(process.execPath + BIN).not.toMatch(/\s/);
    const env = { MELDCODE: `${process.execPath} ${BIN}` };
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
      expect(git(dir, ['add', rel]).code).toBe(0);
    };
    const commits = () => git(dir, ['rev-list', '--count', '--all']).out.trim();

    put('README.md', '# Beleid\n');
    expect(git(dir, ['commit', '-q', '-m', 'leesmij'], env).code).toBe(0); // nothing under beleid/: the hook does not run meldcode

    put('beleid/De Linde – cliënten.md', COMPLIANT); // spaces, a dash and an accent in the name
    const ok = git(dir, ['commit', '-q', '-m', 'meldcode'], env);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('voldoet aan artikel 2');
    expect(commits()).toBe('2');

    put('beleid/eik.md', NON_COMPLIANT);
    const bad = git(dir, ['commit', '-q', '-m', 'eik'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/✖ M04\s+Afwegingskader/);
    expect(commits()).toBe('2');
    expect(git(dir, ['commit', '-q', '--no-verify', '-m', 'eik'], env).code).toBe(0);
    expect(commits()).toBe('3');

    // A deleted meldcode is not checked (diff-filter ACMR).
    expect(git(dir, ['rm', '-q', 'beleid/eik.md']).code).toBe(0);
    expect(git(dir, ['commit', '-q', '-m', 'weg'], env).code).toBe(0);
    expect(existsSync(path.join(dir, 'beleid', 'eik.md'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is POSIX sh (runs under dash when it is there)', () => {
    const dash = ['/bin/dash', '/usr/bin/dash'].find((p) => existsSync(p));
    if (!dash) return;
    expect(spawnSync(dash, ['-n', path.join(DOCS, 'pre-commit.sh')]).status).toBe(0);
  });
});

describe('docs/ci/README-section.md', () => {
  it('its example config is valid and names only files that exist in docs/ci', async () => {
    const text = readFileSync(path.join(DOCS, 'README-section.md'), 'utf8');
    const { configSchema } = await import('../../src/policy/config.js');
    const { defaultRuleIds } = await import('../../src/policy/schemas.js');
    const example = /```yaml\n([\s\S]*?)```/.exec(text)![1]!;
    expect(configSchema(defaultRuleIds()).safeParse(parse(example)).success).toBe(true);
    for (const f of ['github-actions.yml', 'gitlab-ci.yml', 'pre-commit-config.yaml', 'pre-commit.sh']) {
      expect(text).toContain(`\`${f}\``);
      expect(existsSync(path.join(DOCS, f)), f).toBe(true);
    }
  });
});
