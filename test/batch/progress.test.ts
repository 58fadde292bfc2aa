/** The progress line: only on a TTY without CI and when asked; throttled; cleared at the end. */
import { describe, expect, it } from 'vitest';
import { createProgress, progressWanted } from '../../src/batch/progress.js';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { isTTY, columns: 60, out, write: (s: string) => (out.push(s), true) };
}

describe('progress', () => {
  it('is off unless enabled, on a TTY and outside CI', () => {
    const tty = fakeStream(true);
    expect(progressWanted(true, tty, {})).toBe(true);
    expect(progressWanted(false, tty, {})).toBe(false);
    expect(progressWanted(undefined, tty, {})).toBe(false);
    expect(progressWanted(true, fakeStream(false), {})).toBe(false);
    expect(progressWanted(true, tty, { CI: 'true' })).toBe(false);
  });

  it('writes nothing when off', () => {
    const s = fakeStream(false);
    const p = createProgress(10, { enabled: true, stream: s, env: {} });
    p.update(1, 'a.md');
    p.end();
    expect(s.out).toEqual([]);
    expect(p.active).toBe(false);
  });

  it('redraws in place with done/total, name and ETA, throttled, and clears the line', () => {
    const s = fakeStream(true);
    let t = 0;
    const p = createProgress(4, { enabled: true, stream: s, env: {}, now: () => t, intervalMs: 100 });
    t = 1000;
    p.update(1, 'map/een-heel-lang-bestand.docx');
    t = 1050;
    p.update(2, 'b.md'); // within 100 ms: skipped
    t = 2000;
    p.update(2, 'c.pdf');
    t = 2010;
    p.update(4); // the last one is always drawn
    p.end();
    expect(s.out).toHaveLength(4);
    expect(s.out[0]).toMatch(/^\r\x1b\[2K1\/4 {2}25% {2}map\/een-heel-lang-bestand\.docx {2}nog ±0:03$/);
    expect(s.out[1]).toContain('2/4');
    expect(s.out[1]).toContain('c.pdf');
    expect(s.out[2]).toContain('4/4 100%');
    expect(s.out[3]).toBe('\r\x1b[2K');
    for (const line of s.out) expect(line.length).toBeLessThanOrEqual(60 + 5);
  });

  it('shortens a long name from the left to fit the terminal', () => {
    const s = fakeStream(true);
    const p = createProgress(2, { enabled: true, stream: s, env: {}, lang: 'en' });
    p.update(0, `${'x'.repeat(200)}/meldcode.docx`);
    p.end();
    expect(s.out[0]).toContain('…');
    expect(s.out[0]).toContain('meldcode.docx');
  });
});
