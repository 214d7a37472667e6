/**
 * WCAG contrast of the main text/background pairs in both variable sets of styles.css, computed
 * from the file itself so a colour edit that makes text unreadable fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../src/renderer/src/styles.css', import.meta.url), 'utf8');

function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`styles.css has no ${selector} block`);
  const body = css.slice(start, css.indexOf('\n}', start));
  const vars = new Map<string, string>();
  for (const m of body.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  return vars;
}

const dark = block(':root');
const light = new Map([...dark, ...block(":root[data-theme='light']")]);

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = ['--text', '--text-strong', '--muted', '--accent', '--danger', '--warn', '--ok'];
const BACKGROUNDS = ['--bg', '--panel', '--panel-2'];

describe.each([
  ['dark', dark],
  ['light', light],
])('%s theme', (_name, vars) => {
  const get = (v: string) => vars.get(v) ?? '(missing)';
  it.each(TEXT.flatMap((t) => BACKGROUNDS.map((b) => [t, b])))(
    '%s on %s reaches 4.5:1',
    (text, bg) => {
      expect(contrast(get(text), get(bg))).toBeGreaterThanOrEqual(4.5);
    },
  );
  it('button text on the accent colour reaches 4.5:1', () => {
    expect(contrast(get('--on-accent'), get('--accent'))).toBeGreaterThanOrEqual(4.5);
  });
});

it('the light set redefines every colour the dark set defines (no dark leftovers)', () => {
  const lightOnly = block(":root[data-theme='light']");
  const colours = [...dark].filter(([, v]) => /^(#|rgba?\()/.test(v)).map(([k]) => k);
  expect(colours.filter((k) => !lightOnly.has(k))).toEqual([]);
});
