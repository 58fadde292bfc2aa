/**
 * Property tests with fast-check on loadBuffer and on the normaliser. A few hundred cases, so the
 * file stays well under 20 s; `npm run fuzz -- --runs 5000` (bench/fuzz.mjs) runs thousands in
 * worker threads, where a hang can be stopped.
 *
 * Properties:
 *   - loadBuffer on random bytes and on mutated real documents (the shared corpus and our
 *     fixtures: bit flips, truncations, splices, mutations inside a .docx's XML) gives a Document
 *     with clean blocks or an InputError with a known cause and one-line details; never another
 *     exception, never a hang (per-case time limit);
 *   - fold: the offset map has one entry per folded character plus one, is monotonic, and stays
 *     inside the original; sentences: in order, inside the text, and together they cover every
 *     non-blank character.
 *
 * FUZZ_SEED=<n> reruns with another seed (the default is fixed, so the suite is deterministic).
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fold, sentences } from '../../src/document/normalize.js';
import { loadBuffer } from '../../src/load/index.js';
import { checkFold, checkNormalizer, checkOutcome, checkSentences, fuzzInput, loadCorpus, mutatedInput, randomInput } from './mutate.mjs';
import { ROOT } from './fixtures.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CASE_MS = 10_000;

interface Input {
  kind: string;
  name: string;
  bytes: Uint8Array;
}

let corpus: Array<{ name: string; bytes: Uint8Array }>;

beforeAll(() => {
  corpus = loadCorpus([path.join(ROOT, '../shared/corpus'), path.join(ROOT, 'fixtures')]);
  expect(corpus.length).toBeGreaterThan(10);
});

/** Loads one input with a time limit; returns a problem or undefined. */
async function loadProblem(input: Input): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ hang: true }>((resolve) => (timer = setTimeout(() => resolve({ hang: true }), CASE_MS)));
  const run = loadBuffer(input.name, input.bytes).then(
    (doc) => ({ doc }),
    (error: unknown) => ({ error }),
  );
  const outcome = await Promise.race([run, timeout]);
  clearTimeout(timer);
  if ('hang' in outcome) return `no answer within ${CASE_MS} ms`;
  const problem = checkOutcome(input.name, input.bytes, outcome) as string | undefined;
  if (problem || !('doc' in outcome)) return problem;
  // The normaliser on real (mutated) text.
  for (const b of outcome.doc.blocks.slice(0, 50)) {
    const p = checkNormalizer(fold, sentences, b.text) as string | undefined;
    if (p) return `${p} (block ${JSON.stringify(b.text.slice(0, 60))})`;
  }
  return undefined;
}

const show = (i: Input) => `${i.kind} ${i.name} (${i.bytes.length} bytes)`;

describe('fuzz: loadBuffer', () => {
  it('random bytes, bare or behind magic bytes: a Document or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(randomInput() as fc.Arbitrary<Input>, async (input) => {
        const p = await loadProblem(input);
        if (p) throw new Error(`${show(input)}: ${p}`);
      }),
      { numRuns: 120, seed: SEED },
    );
  }, 30_000);

  it('mutated corpus documents (flips, truncations, splices, .docx parts): a Document or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedInput(corpus) as fc.Arbitrary<Input>, async (input) => {
        const p = await loadProblem(input);
        if (p) throw new Error(`${show(input)}: ${p}`);
      }),
      { numRuns: 100, seed: SEED + 1 },
    );
  }, 60_000);

  it('the mix bench/fuzz.mjs runs covers every kind of input', () => {
    const kinds = new Set(fc.sample(fuzzInput(corpus) as fc.Arbitrary<Input>, { numRuns: 400, seed: SEED }).map((i) => i.kind.split(':')[0]));
    expect([...kinds].sort()).toEqual(['bytes', 'docx-part', 'random', 'splice']);
  });
});

describe('fuzz: the normaliser', () => {
  const words = fc.constantFrom(
    'De', 'medewerker', 'o.a.', 'art.', '2', 'lid', '3.', 'cliënt', 'ﬁets', 'Veilig', 'Thuis.', '…', '“quote”', '–', 'e.d.', 'bijv.', '1.2', 'Stap',
    '?', '!', ' ', '\n', '\t', '\u00AD', '\u200B', 'ǅ', 'İ', 'ß', 'ﬀ', '😀', 'é', 'e\u0301', '\uFEFF', '\u2028', 'A.', 'Dhr.', '(a)', ';',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.array(words, { maxLength: 80 }).map((a) => a.join(' ')),
    fc.array(words, { maxLength: 80 }).map((a) => a.join('')),
  );

  it('fold: the map is monotonic, one entry per character plus one, inside the original', () => {
    fc.assert(
      fc.property(text, (s) => {
        const p = checkFold(fold, s) as string | undefined;
        if (p) throw new Error(`${JSON.stringify(s)}: ${p}`);
      }),
      { numRuns: 2000, seed: SEED + 2 },
    );
  });

  it('sentences: in order, inside the text, covering every non-blank character', () => {
    fc.assert(
      fc.property(text, (s) => {
        const p = checkSentences(sentences, s) as string | undefined;
        if (p) throw new Error(`${JSON.stringify(s)}: ${p}`);
      }),
      { numRuns: 2000, seed: SEED + 3 },
    );
  });
});
