import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStrategy, strategiesDir } from '../../src/main/services/strategies/strategy-loader.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { strategySource, writeStrategy } from './helpers.ts';
import { inNode, listInNode } from './in-node.ts';

const tempDir = useTempDir();
const BUILTINS = ['ma-cross', 'rsi-reversion', 'donchian-breakout'];

describe('listStrategies', () => {
  it('lists only the built-ins, in order, when the data folder has no strategies folder', () => {
    const { strategies, errors } = listInNode(tempDir());
    expect(strategies.map((s) => s.name)).toEqual(BUILTINS);
    expect(strategies.every((s) => s.source === 'builtin' && s.file === null)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('loads a default export from .mjs and from .js, user ones sorted by name after the built-ins', () => {
    const dir = tempDir();
    const zeta = writeStrategy(dir, 'a-file.mjs', strategySource('zeta'));
    const alpha = writeStrategy(dir, 'b-file.js', strategySource('alpha'));
    const { strategies, errors } = listInNode(dir);
    expect(errors).toEqual([]);
    expect(strategies.map((s) => s.name)).toEqual([...BUILTINS, 'alpha', 'zeta']);
    const user = strategies.filter((s) => s.source === 'user');
    expect(user.map((s) => s.file)).toEqual([alpha, zeta]);
    expect(user[0]!.params).toEqual([
      { name: 'lots', type: 'number', default: 1, min: 0.01, description: 'size' },
    ]);
    expect(user[0]!.description).toBe('test strategy alpha');
    expect(user[0]!.hooks).toEqual(['init', 'onBar']);
  });

  it('accepts named exports when there is no default export', () => {
    const dir = tempDir();
    writeStrategy(
      dir,
      'named.mjs',
      `export const name = 'named-one';
export const description = 'named exports';
export const params = [];
export function init() {}
export function onBar() {}
export function onTick() {}
`,
    );
    const { strategies, errors } = listInNode(dir);
    expect(errors).toEqual([]);
    const s = strategies.find((e) => e.name === 'named-one');
    expect(s, 'named-export strategy listed').toBeDefined();
    expect(s!.hooks).toEqual(['init', 'onBar', 'onTick']);
    expect(s!.params).toEqual([]);
  });

  it('reports each broken file as an error naming it, and still lists the good ones', () => {
    const dir = tempDir();
    const syntax = writeStrategy(dir, 'syntax.mjs', 'export default {\n  name: "x",,\n};\n');
    const throws = writeStrategy(dir, 'throws.mjs', 'throw new Error("no API key set");\n');
    const noOnBar = writeStrategy(
      dir,
      'no-onbar.mjs',
      `export default { name: 'no-onbar', description: '', params: [], init() {} };`,
    );
    const badName = writeStrategy(dir, 'bad-name.mjs', strategySource('my strategy'));
    const badParams = writeStrategy(
      dir,
      'bad-params.js',
      `export default { name: 'bad-params', description: '', params: [{ name: 'n', type: 'integer', default: 1.5, description: '' }], init() {}, onBar() {} };`,
    );
    const nothing = writeStrategy(dir, 'nothing.mjs', 'export const helper = 1;\n');
    writeStrategy(dir, 'good.mjs', strategySource('good'));
    const { strategies, errors } = listInNode(dir);
    expect(strategies.map((s) => s.name)).toEqual([...BUILTINS, 'good']);
    const byFile = new Map(errors.map((e) => [e.file, e.message]));
    expect(byFile.size).toBe(6);
    expect(byFile.get(syntax)).toMatch(/^failed to load: SyntaxError: Unexpected token/);
    expect(byFile.get(throws)).toBe('failed to load: no API key set');
    expect(byFile.get(noOnBar)).toBe('onBar must be a function');
    expect(byFile.get(badName)).toBe(
      `name must be letters, digits, '-' and '_', starting with a letter or digit, got "my strategy"`,
    );
    expect(byFile.get(badParams)).toBe(
      "strategy 'bad-params': default of param 'n' must be a whole number, got 1.5",
    );
    expect(byFile.get(nothing)).toBe(
      'exports no strategy: expected export default { name, description, params, init, onBar }',
    );
  });

  it('rejects a user strategy named like a built-in instead of letting it replace the built-in', () => {
    const dir = tempDir();
    const file = writeStrategy(dir, 'mine.mjs', strategySource('ma-cross'));
    const { strategies, errors } = listInNode(dir);
    expect(errors).toEqual([
      { file, message: "strategy name 'ma-cross' is taken by a built-in strategy" },
    ]);
    const maCross = strategies.filter((s) => s.name === 'ma-cross');
    expect(maCross).toHaveLength(1);
    expect(maCross[0]!.source).toBe('builtin');
  });

  it('keeps the first of two files declaring the same name and reports the second', () => {
    const dir = tempDir();
    writeStrategy(dir, 'a.mjs', strategySource('twin'));
    const second = writeStrategy(dir, 'b.mjs', strategySource('twin'));
    const { strategies, errors } = listInNode(dir);
    expect(strategies.filter((s) => s.name === 'twin').map((s) => path.basename(s.file!))).toEqual([
      'a.mjs',
    ]);
    expect(errors).toEqual([{ file: second, message: "strategy name 'twin' is taken by a.mjs" }]);
  });

  it('ignores other files, dot files and sub-folders (room for helper modules)', () => {
    const dir = tempDir();
    writeStrategy(dir, 'notes.txt', 'not code');
    writeStrategy(dir, '.hidden.mjs', 'syntax error (');
    writeStrategy(dir, 'strategy.ts', 'syntax error (');
    fs.mkdirSync(path.join(strategiesDir(dir), 'lib.mjs'));
    const { strategies, errors } = listInNode(dir);
    expect(errors).toEqual([]);
    expect(strategies.map((s) => s.name)).toEqual(BUILTINS);
  });

  it('sees an edited file again without a restart (the app lists many times per process)', () => {
    const dir = tempDir();
    const file = writeStrategy(dir, 'edit.mjs', strategySource('before'));
    const names = inNode<string[]>(`
      const dir = ${JSON.stringify(dir)};
      const file = ${JSON.stringify(file)};
      const first = (await loader.listStrategies(dir)).strategies.at(-1).name;
      fs.writeFileSync(file, ${JSON.stringify(strategySource('after-the-edit'))});
      // A distinct mtime even on file systems with coarse timestamps.
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
      const second = (await loader.listStrategies(dir)).strategies.at(-1).name;
      return [first, second];`);
    expect(names).toEqual(['before', 'after-the-edit']);
  });
});

describe('loadStrategy', () => {
  it('returns a built-in without reading the user folder', async () => {
    const dir = tempDir();
    writeStrategy(dir, 'broken.mjs', 'syntax error (');
    const s = await loadStrategy(dir, 'rsi-reversion');
    expect(s.source).toBe('builtin');
    expect(s.module.name).toBe('rsi-reversion');
  });

  it('returns a user strategy by its declared name, not its file name', () => {
    const dir = tempDir();
    const file = writeStrategy(dir, 'file-name.mjs', strategySource('declared-name'));
    const s = inNode(
      `return summary(await loader.loadStrategy(${JSON.stringify(dir)}, 'declared-name'));`,
    );
    expect(s).toMatchObject({ name: 'declared-name', source: 'user', file });
  });

  it('names the available strategies and the files that failed for an unknown name', () => {
    const dir = tempDir();
    writeStrategy(dir, 'ok.mjs', strategySource('ok'));
    const broken = writeStrategy(dir, 'broken.mjs', 'throw new Error("boom");');
    const message = inNode<string>(
      `try { await loader.loadStrategy(${JSON.stringify(dir)}, 'missing'); return 'loaded'; } catch (e) { return e.message; }`,
    );
    expect(message).toBe(
      `unknown strategy 'missing'; available: ma-cross, rsi-reversion, donchian-breakout, ok; ` +
        `not loaded: ${broken}: failed to load: boom`,
    );
  });
});
