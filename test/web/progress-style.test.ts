/**
 * The renderer's stylesheet must not animate a progress bar's fill: a width transition, restarted
 * by every progress event, keeps the painted fill behind the percentage printed beside it (the
 * import bar stood at ~58 % while its label said 100 %). The component side (fill and label from
 * one value) is test/renderer/components/progress-bar.test.tsx.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('progress bar stylesheet', () => {
  it('no rule for .progress-fill transitions or animates its width', () => {
    const css = fs
      .readFileSync('src/renderer/src/styles.css', 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]*\.progress-fill[^{}]*)\{([^}]*)\}/g)];
    expect(rules.length).toBeGreaterThan(0);
    for (const [, selector, body] of rules) {
      expect(body, selector).not.toMatch(/transition/);
    }
  });
});
