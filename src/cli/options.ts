/** Parsing and validating option values. Each throws a UsageError with one localised line. */
import type { Sector, Severity } from '../rules/schema.js';
import { FORMATS, type Format } from '../report/types.js';
import { isLang, t, type Lang } from '../i18n/messages.js';
import { UsageError } from './errors.js';

/**
 * The sectors, repeated here so that parsing options does not load zod (start-up time);
 * test/cli/options.test.ts checks that it equals SECTORS in src/rules/schema.ts.
 */
export const SECTOR_CHOICES = ['wmo', 'jeugd', 'zorg', 'kinderopvang', 'onderwijs', 'algemeen'] as const satisfies readonly Sector[];

export function parseLang(value: string | undefined, fallbackLang: Lang = 'nl'): Lang {
  if (value === undefined || value === '') return fallbackLang;
  const v = value.toLowerCase();
  if (isLang(v)) return v;
  throw new UsageError(t(fallbackLang, 'err.unknownLang', { value }));
}

/**
 * The language before commander runs (its help and errors must already be localised):
 * --lang X / --lang=X anywhere before a bare "--", else MELDCODE_LANG, else nl.
 */
export function preScanLang(argv: string[], env: NodeJS.ProcessEnv): { lang: Lang; error?: string } {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') value = argv[i + 1];
    else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
  }
  const fromEnv = env.MELDCODE_LANG;
  try {
    if (value !== undefined) return { lang: parseLang(value) };
    if (fromEnv) return { lang: parseLang(fromEnv) };
  } catch (err) {
    return { lang: 'nl', error: (err as Error).message };
  }
  return { lang: 'nl' };
}

export function parseSector(value: string, lang: Lang): Sector {
  const v = value.toLowerCase();
  if ((SECTOR_CHOICES as readonly string[]).includes(v)) return v as Sector;
  throw new UsageError(t(lang, 'err.unknownSector', { value, choices: SECTOR_CHOICES.join(', ') }));
}

export function parseFormat(value: string, lang: Lang): Format {
  const v = value.toLowerCase();
  const alias: Record<string, Format> = { md: 'markdown', xml: 'junit', text: 'stylish' };
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  if (alias[v]) return alias[v]!;
  throw new UsageError(t(lang, 'err.unknownFormat', { value, choices: FORMATS.join(', ') }));
}

export function parseFailOn(value: string, lang: Lang): Severity {
  const v = value.toLowerCase();
  if (v === 'error' || v === 'warning' || v === 'info') return v;
  throw new UsageError(t(lang, 'err.unknownFailOn', { value }));
}

export function parsePositiveInt(option: string, value: string, lang: Lang): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(t(lang, 'err.notPositiveInt', { option, value }));
  return Number(value);
}

export function parseNonNegativeInt(option: string, value: string, lang: Lang): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(t(lang, 'err.notNonNegativeInt', { option, value }));
  return Number(value);
}

export function parsePositiveNumber(option: string, value: string, lang: Lang): number {
  const n = Number(value.replace(',', '.'));
  if (!/^\s*\d+([.,]\d+)?\s*$/.test(value) || !(n > 0)) throw new UsageError(t(lang, 'err.notPositiveNumber', { option, value }));
  return n;
}

export function parseDelimiter(value: string, lang: Lang): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', puntkomma: ';', komma: ',' };
  const v = named[value.toLowerCase()] ?? value;
  if ([...v].length !== 1 || /["\r\n]/.test(v)) throw new UsageError(t(lang, 'err.badDelimiter', { value }));
  return v;
}

export interface ReportSpec {
  format: Format;
  file: string;
}

/** `--report json=out.json` */
export function parseReport(value: string, lang: Lang): ReportSpec {
  const m = /^([A-Za-z]+)=(.+)$/.exec(value);
  if (!m) throw new UsageError(t(lang, 'err.badReport', { value }));
  return { format: parseFormat(m[1]!, lang), file: m[2]! };
}
