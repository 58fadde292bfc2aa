/**
 * Colour on or off: --color/--no-color, then NO_COLOR (set and not empty: off), FORCE_COLOR
 * (0 or false: off, anything else: on, as Node reads it), TERM=dumb, then whether it is a TTY.
 */
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (flag === false) return false;
  if (flag === true) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined) return true;
  if (env.TERM === 'dumb') return false;
  return !!isTTY;
}
