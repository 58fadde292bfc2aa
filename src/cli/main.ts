/**
 * The command line: `meldcode [check] <files…>`, `meldcode rules`, `meldcode explain <ID>`,
 * `meldcode waivers check [FILE]`, `meldcode schema <config|waivers|baseline|report>`.
 * Start-up stays fast: only commander and the message table load here; the engine, the rule
 * set (zod, yaml) and the reporters load inside the command that needs them.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { translator, type Lang, type Translate } from '../i18n/messages.js';
import { isRuleFileError, isUsageError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { preScanLang } from './options.js';
import { configErrorLine, isConfigErrorLike } from './policy-text.js';

const PROGRAM = 'meldcode';

export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function defaultIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    tool: { name: 'meldcode-check', version: toolVersion() },
  };
}

/** Turns a commander error into one localised line. */
function commanderLine(err: CommanderError, tr: Translate): string {
  const msg = err.message.replace(/^error:\s*/i, '');
  const quoted = /'([^']+)'/.exec(msg)?.[1] ?? '';
  switch (err.code) {
    case 'commander.unknownOption': {
      const suggestion = /Did you mean (.+?)\?/.exec(msg)?.[1];
      return tr('err.unknownOption', { option: quoted }) + (suggestion ? ` ${tr('err.didYouMean', { suggestion })}` : '');
    }
    case 'commander.optionMissingArgument':
      return tr('err.optionMissingArgument', { option: quoted.split(/[ ,]/).find((f) => f.startsWith('--')) ?? quoted });
    case 'commander.missingArgument':
      return tr('err.missingArgument', { name: quoted });
    case 'commander.excessArguments':
      return tr('err.excessArguments', { command: quoted });
    case 'commander.unknownCommand':
      return tr('err.unknownCommand', { command: quoted });
    default:
      return msg.split('\n')[0]!;
  }
}

function buildProgram(lang: Lang, io: CliIO, setExit: (code: number) => void, langFixed: boolean): Command {
  const tr = translator(lang);
  const titles: Record<string, string> = {
    'Usage:': tr('cli.help.usage'),
    'Options:': tr('cli.help.options'),
    'Commands:': tr('cli.help.commands'),
    'Arguments:': tr('cli.help.arguments'),
    'Global Options:': tr('cli.help.globalOptions'),
  };
  const program = new Command(PROGRAM);
  program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: () => undefined,
    })
    .configureHelp({
      styleTitle: (s: string) => titles[s] ?? s,
      showGlobalOptions: true,
      subcommandTerm: (cmd: Command) => {
        const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`));
        return [cmd.name(), cmd.options.length ? tr('cli.help.optionsTerm') : '', ...args].filter(Boolean).join(' ');
      },
    })
    .showSuggestionAfterError(true)
    .helpOption('-h, --help', tr('cli.opt.help'))
    .helpCommand(lang === 'nl' ? 'help [opdracht]' : 'help [command]', tr('cli.cmd.help'))
    .description(tr('cli.description'))
    .usage(tr('cli.usage.program'))
    .version(io.tool.version, '-v, --version', tr('cli.opt.version'))
    .option('--lang <taal>', tr('cli.opt.lang'))
    .addHelpText('after', tr('cli.help.examples'));

  const collect = (value: string, previous: string[] = []) => [...previous, value];

  program
    .command('check', { isDefault: true })
    .description(tr('cli.check.description'))
    .usage(tr('cli.usage.check'))
    .argument(lang === 'nl' ? '[invoer...]' : '[inputs...]', tr('cli.check.args'))
    .option('-s, --sector <sector>', tr('cli.check.opt.sector'))
    .option('-f, --format <formaat>', tr('cli.check.opt.format'))
    .option('-o, --output <bestand>', tr('cli.check.opt.output'))
    .option('--report <formaat=bestand>', tr('cli.check.opt.report'), collect)
    .option('--csv-delimiter <teken>', tr('cli.check.opt.csvDelimiter'))
    .option('-j, --jobs <n>', tr('cli.check.opt.jobs'))
    .option('--timeout <seconden>', tr('cli.check.opt.timeout'))
    .option('--max-file-size <MB>', tr('cli.check.opt.maxFileSize'))
    .option('--max-pages <n>', tr('cli.check.opt.maxPages'))
    .option('--max-decompressed-size <MB>', tr('cli.check.opt.maxDecompressedSize'))
    .option('--max-memory <MB>', tr('cli.check.opt.maxMemory'))
    .option('--zip-max-size <MB>', tr('cli.check.opt.zipMaxSize'))
    .option('--zip-max-entries <n>', tr('cli.check.opt.zipMaxEntries'))
    .option('--fail-on <niveau>', tr('cli.check.opt.failOn'))
    .option('--max-warnings <n>', tr('cli.check.opt.maxWarnings'))
    .option('--exit-zero', tr('cli.check.opt.exitZero'))
    .option('-c, --config <bestand>', tr('cli.check.opt.config'))
    .option('--waivers <bestand>', tr('cli.check.opt.waivers'))
    .option('--baseline <bestand>', tr('cli.check.opt.baseline'))
    .option('--write-baseline <bestand>', tr('cli.check.opt.writeBaseline'))
    .option('-q, --quiet', tr('cli.check.opt.quiet'))
    .option('--color', tr('cli.check.opt.color'))
    .option('--no-color', tr('cli.check.opt.noColor'))
    .option('--no-progress', tr('cli.check.opt.noProgress'))
    .addHelpText('after', tr('cli.check.examples'))
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { runCheck } = await import('./check.js');
      setExit(await runCheck(inputs, opts, lang, io, langFixed));
    });

  program
    .command('rules')
    .description(tr('cli.rules.description'))
    .usage(tr('cli.usage.rules'))
    .option('-f, --format <formaat>', tr('cli.rules.opt.format'))
    .action(async (opts: { format?: string }) => {
      const format = (opts.format ?? 'table').toLowerCase();
      if (format !== 'table' && format !== 'json' && format !== 'text') throw new UsageError(tr('err.unknownFormat', { value: opts.format!, choices: 'table, json' }));
      const [{ loadRuleSet, rulesForDisplay }, { rulesText, rulesJson }, { useColor }] = await Promise.all([import('../rules/load.js'), import('./rules.js'), import('./color.js')]);
      const set = loadRuleSet();
      const meta = { version: set.version, name: set.name, legalBasis: set.legalBasis, inForce: set.inForce, rules: rulesForDisplay(set) };
      const width = io.stdout.isTTY && io.stdout.columns ? Math.min(io.stdout.columns, 120) : 100;
      io.stdout.write(format === 'json' ? rulesJson(meta, lang) : rulesText(meta, lang, useColor(undefined, io.env, io.stdout.isTTY), width));
      setExit(0);
    });

  program
    .command('explain')
    .description(tr('cli.explain.description'))
    .usage(tr('cli.usage.explain'))
    .argument('<id>', tr('cli.explain.arg'))
    .option('-f, --format <formaat>', tr('cli.explain.opt.format'))
    .action(async (id: string, opts: { format?: string }) => {
      const format = (opts.format ?? 'text').toLowerCase();
      if (format !== 'text' && format !== 'json') throw new UsageError(tr('err.unknownFormat', { value: opts.format!, choices: 'text, json' }));
      const [{ loadRuleSet, rulesForDisplay }, { explainText, explainJson, findRule }, { useColor }] = await Promise.all([import('../rules/load.js'), import('./rules.js'), import('./color.js')]);
      const set = loadRuleSet();
      const meta = { version: set.version, name: set.name, legalBasis: set.legalBasis, inForce: set.inForce, rules: rulesForDisplay(set) };
      const rule = findRule(meta, id, lang);
      const width = io.stdout.isTTY && io.stdout.columns ? Math.min(io.stdout.columns, 100) : 100;
      io.stdout.write(format === 'json' ? explainJson(rule, lang) : explainText(meta, rule, lang, useColor(undefined, io.env, io.stdout.isTTY), width));
      setExit(0);
    });

  const waivers = program
    .command('waivers')
    .description(tr('cli.waivers.description'))
    .usage(tr('cli.usage.waivers'))
    .helpCommand(false);
  waivers
    .command('check')
    .description(tr('cli.waivers.check.description'))
    .usage(tr('cli.usage.waiversCheck'))
    .argument(lang === 'nl' ? '[bestand]' : '[file]', tr('cli.waivers.check.arg'))
    .option('-c, --config <bestand>', tr('cli.check.opt.config'))
    .action(async (file: string | undefined, opts: { config?: string }) => {
      const { runWaiversCheck } = await import('./waivers.js');
      setExit(runWaiversCheck(file, opts, lang, io));
    });

  program
    .command('schema')
    .description(tr('cli.schema.description'))
    .usage(tr('cli.usage.schema'))
    .argument(lang === 'nl' ? '<naam>' : '<name>', tr('cli.schema.arg'))
    .action(async (name: string) => {
      const { schemaText } = await import('./schema.js');
      io.stdout.write(schemaText(name, lang));
      setExit(0);
    });

  return program;
}

/** Whether --lang or MELDCODE_LANG chose the language (then the config's `lang` does not apply). */
function langGiven(argv: string[], env: NodeJS.ProcessEnv): boolean {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  return !!env.MELDCODE_LANG || args.some((a) => a === '--lang' || a.startsWith('--lang='));
}

/**
 * Runs the CLI and returns the exit code. Expected errors (usage, rule files) become one line on
 * stderr and exit code 2; an unexpected error becomes one line "interne fout: …" (the stack only
 * with MELDCODE_DEBUG=1) and exit code 2 as well.
 */
export async function main(argv: string[] = process.argv.slice(2), io: Partial<CliIO> = {}): Promise<number> {
  const cio: CliIO = { ...defaultIO(), ...io };
  const pre = preScanLang(argv, cio.env);
  if (pre.error) {
    cio.stderr.write(`${PROGRAM}: ${pre.error}\n`);
    return 2;
  }
  const lang = pre.lang;
  const tr = translator(lang);
  let exitCode = 0;
  const program = buildProgram(
    lang,
    cio,
    (code) => {
      exitCode = code;
    },
    langGiven(argv, cio.env),
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      // `meldcode help` is 0; help shown because a subcommand is missing (`meldcode waivers`) is a usage error.
      if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
      cio.stderr.write(`${PROGRAM}: ${commanderLine(err, tr)} (${tr('err.seeHelp')})\n`);
      return 2;
    }
    if (isUsageError(err)) {
      cio.stderr.write(`${PROGRAM}: ${err.message}\n`);
      return 2;
    }
    if (isConfigErrorLike(err)) {
      cio.stderr.write(`${PROGRAM}: ${configErrorLine(err, lang, cio.cwd)}\n`);
      return 2;
    }
    if (isRuleFileError(err)) {
      const field = err.field ? tr('err.ruleFileField', { field: err.field }) : '';
      cio.stderr.write(`${PROGRAM}: ${tr('err.ruleFile', { file: err.file, field, problem: err.problem })}\n`);
      return 2;
    }
    // Anything else is a bug: one line, the stack only on request.
    const debug = cio.env.MELDCODE_DEBUG === '1';
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    cio.stderr.write(`${PROGRAM}: ${tr('err.internal', { message, hint: debug ? '' : tr('err.internalHint') })}\n`);
    if (debug && err instanceof Error && err.stack) cio.stderr.write(`${err.stack}\n`);
    return 2;
  }
  return exitCode;
}

export default main;
