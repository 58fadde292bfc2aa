/** Errors the user can cause on the command line: one localised line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isUsageError(err: unknown): err is UsageError {
  return err instanceof UsageError || (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'UsageError');
}

export function isRuleFileError(err: unknown): err is Error & { file: string; field: string; problem: string } {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'RuleFileError';
}
