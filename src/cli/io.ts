/** What the CLI needs from the outside world, so tests can run it in-process. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
  tool: { name: string; version: string };
}
