/** formatSeconds (src/batch/pool.ts): the time limit in timeout messages. */
import { describe, expect, it } from 'vitest';
import { formatSeconds } from '../../src/batch/pool.js';

describe('formatSeconds', () => {
  it('writes a time limit as given, also below a second', () => {
    expect([60000, 1500, 250, 1, 1250].map(formatSeconds)).toEqual(['60 s', '1.5 s', '0.25 s', '0.001 s', '1.3 s']);
  });
});
