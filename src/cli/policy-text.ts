/**
 * Policy-file problems (config, waivers, baseline) as one line in the user's language.
 *
 * src/policy writes its problems in English (`rules.M99: unknown rule ID (did you mean "M09"?)`),
 * so the library stays free of the message table. The command line shows them in Dutch by default:
 * PROBLEMS_NL translates every problem text src/policy produces, fragment by fragment; a text it
 * does not know stays English rather than being dropped. test/cli/policy-text.test.ts checks
 * that the Dutch of each known problem has no English left.
 */
import path from 'node:path';
import type { Lang } from '../i18n/messages.js';

/** [English pattern, Dutch replacement], applied in order; the whole-text ones first. */
const PROBLEMS_NL: Array<[RegExp, string]> = [
  [/^file not found$/, 'bestand niet gevonden'],
  [/^is a folder, not a file$/, 'is een map, geen bestand'],
  [/^cannot be read \((.+)\)$/, 'kan niet worden gelezen ($1)'],
  [/^not valid JSON(.*)$/, 'geen geldige JSON$1'],
  [/^not valid YAML(.*)$/, 'geen geldige YAML$1'],
  [/^is required$/, 'ontbreekt (verplicht)'],
  [/^must not be empty$/, 'mag niet leeg zijn'],
  [/^needs at least (\d+) items?$/, 'moet minstens $1 item(s) bevatten'],
  [/^must be (>=|>) (.+)$/, 'moet $1 $2 zijn'],
  [/^more than one config file in this folder \((.+)\); keep one$/, 'meer dan één configuratiebestand in deze map ($1); houd er één'],
  [/^unbalanced "\{" in glob "(.+)"$/, 'ongesloten "{" in het patroon "$1"'],
  [/^pattern "(.+)" matches no rule ID$/, 'patroon "$1" past op geen enkel onderdeel-ID'],
  [/^unknown rule ID "([^"]+)"/, 'onbekend onderdeel-ID "$1"'],
  [/^unknown rule ID/, "onbekend onderdeel-ID"],
  [/^unknown keys? /, 'onbekende sleutel '],
  [/^unknown key/, 'onbekende sleutel'],
  [/^expected 64 hex characters \(the sha256 of the file content\)$/, 'verwacht 64 hexadecimale tekens (de sha256 van de inhoud van het bestand)'],
  [/^expected 64 lower-case hex characters$/, 'verwacht 64 hexadecimale tekens in kleine letters'],
  [/^expected a date YYYY-MM-DD$/, 'verwacht een datum JJJJ-MM-DD'],
  [/^not a real calendar date$/, 'geen bestaande datum'],
  [/^needs "document" \(a path glob\) or "sha256" \(or both\)$/, 'heeft "document" (een padpatroon) of "sha256" nodig (of allebei)'],
  [/^waiver for (\S+) expired on (\S+); the finding counts again$/, 'uitzondering voor $1 is verlopen op $2; het tekort telt weer mee'],
  [/^waiver for (\S+) expires on (\S+) \(in (\d+) days?\)$/, 'uitzondering voor $1 verloopt op $2 (over $3 dag(en))'],
  [/^duplicate of (waivers\[\d+\]) \(same rule and document\)$/, 'dubbel: zelfde regel en document als $1'],
  [/^"\*" waives every rule for this document; name the rules$/, '"*" zondert alle regels voor dit document uit; noem de regels'],
  // zod type and value problems: "expected a list, got null", "expected "wmo" | "jeugd", got "x""
  [/^expected (.+?), got (.+)$/, 'verwacht $1, niet $2'],
  [/^expected (.+)$/, 'verwacht $1'],
  // Fragments inside the texts above.
  [/ \(did you mean "([^"]+)"\?\)/g, ' (bedoelde u "$1"?)'],
  [/\ban object\b/g, 'een object'],
  [/\ba list\b/g, 'een lijst'],
  [/\ba string\b/g, 'tekst'],
  [/\ba number\b/g, 'een getal'],
  [/\ba int\b/g, 'een geheel getal'],
  [/\ba boolean\b/g, 'true of false'],
];

/** One policy problem text in `lang` (English texts are returned as they are). */
export function problemText(problem: string, lang: Lang): string {
  if (lang === 'en') return problem;
  let out = problem;
  for (const [re, nl] of PROBLEMS_NL) out = out.replace(re, nl);
  return out;
}

/** The path as the user would type it: relative to `cwd` when that is shorter, with `/`. */
export function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && rel.length < file.length ? rel : file).split(path.sep).join('/');
}

/** The duck type of src/policy's ConfigError (main.ts does not load src/policy to test it). */
export interface ConfigErrorLike {
  name: 'ConfigError';
  file: string;
  key: string;
  problem: string;
  line?: number;
}

export function isConfigErrorLike(err: unknown): err is ConfigErrorLike {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'ConfigError' && typeof (err as { file?: unknown }).file === 'string';
}

/** `file:line: key: problem`, the file relative to `cwd`, the problem in `lang`. */
export function configErrorLine(err: ConfigErrorLike, lang: Lang, cwd: string): string {
  const where = `${shownPath(err.file, cwd)}${err.line ? `:${err.line}` : ''}`;
  return `${where}: ${err.key ? `${err.key}: ` : ''}${problemText(err.problem, lang)}`;
}
