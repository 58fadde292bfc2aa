/**
 * Small, dependency-free path globs and rule-ID patterns for config `ignore`, waivers and the
 * baseline. Paths are compared as normalised POSIX paths relative to a base folder (the folder of
 * the config, waiver or baseline file), so a policy repository gives the same answer on every OS.
 *
 * Glob syntax: `*` (any characters except `/`), `**` (any number of folders), `?` (one character
 * except `/`), `[abc]`/`[!abc]` (a character class), `{a,b}` (alternatives, may nest), `\x` (a
 * literal x). Matching is case-sensitive and covers the whole path.
 */
import path from 'node:path';

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function translate(glob: string): string {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '\\' && i + 1 < glob.length) {
      re += escapeRe(glob[++i]!);
    } else if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        let j = i + 2;
        while (glob[j] === '*') j++;
        const atEnd = j === glob.length || glob[j] === '/';
        if (atStart && atEnd) {
          if (glob[j] === '/') {
            re += '(?:.*/)?'; // `**/`: zero or more folders
            i = j;
          } else {
            re += '.*'; // trailing `**`
            i = j - 1;
          }
          continue;
        }
        i = j - 1;
      }
      re += '[^/]*';
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      body = body.replace(/[\\\]^]/g, (c) => `\\${c}`);
      re += negate ? `[^/${body}]` : `[${body}]`;
      i = close;
    } else if (ch === '{') {
      depth++;
      re += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (ch === ',' && depth > 0) {
      re += '|';
    } else {
      re += escapeRe(ch);
    }
  }
  if (depth > 0) throw new Error(`unbalanced "{" in glob "${glob}"`);
  return re;
}

/** Drops a leading `./` (a backslash stays an escape, so write `/` also on Windows). */
export function normaliseGlob(glob: string): string {
  return glob.replace(/^(\.\/)+/, '');
}

/** Compiles a glob to an anchored RegExp. Throws on an unbalanced `{`. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(normaliseGlob(glob))}$`);
}

/** Whether a relative POSIX path matches a glob. */
export function matchGlob(glob: string, relPath: string): boolean {
  return globToRegExp(glob).test(relPath);
}

/**
 * `file` (absolute, or relative to `cwd`) as a POSIX path relative to `baseDir`. A file outside
 * `baseDir` keeps its `../` segments.
 */
export function relativePosix(file: string, baseDir: string, cwd: string = process.cwd()): string {
  const abs = path.resolve(cwd, file);
  return path.relative(path.resolve(cwd, baseDir), abs).split(path.sep).join('/');
}

/**
 * A gitignore-like filter for config `ignore`: a pattern without `/` matches a file or folder name
 * at any depth (`*.concept.docx`, `archief`); a pattern with `/` matches from `baseDir`
 * (`beleid/oud/**`). A matching folder excludes everything below it.
 */
export function ignoreMatcher(patterns: readonly string[], baseDir: string, cwd: string = process.cwd()): (file: string) => boolean {
  const compiled = patterns.map((p) => {
    const g = normaliseGlob(p).replace(/\/+$/, '');
    return { anywhere: !g.includes('/'), re: globToRegExp(g) };
  });
  if (!compiled.length) return () => false;
  return (file) => {
    const rel = relativePosix(file, baseDir, cwd);
    const parts = rel.split('/');
    for (let n = 1; n <= parts.length; n++) {
      const prefix = parts.slice(0, n).join('/');
      for (const c of compiled) {
        if (c.anywhere ? c.re.test(parts[n - 1]!) : c.re.test(prefix)) return true;
      }
    }
    return false;
  };
}

/** Whether a rule pattern (`M04`, `M03.*`, `S0?`, `*`) contains wildcards. */
export function isRulePattern(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** Compiles a rule pattern: `*` any characters (also `.`), `?` one character; exact otherwise. */
export function ruleMatcher(pattern: string): (id: string) => boolean {
  if (!isRulePattern(pattern)) return (id) => id === pattern;
  const re = new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRe(c))).join('')}$`);
  return (id) => re.test(id);
}
