import { expect } from 'vitest';
import { isInputError, type InputError } from '../../src/load/errors.js';

/** The InputError a load rejects with (fails the test when it resolves or throws something else). */
export async function cause(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    expect(isInputError(err)).toBe(true);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}
