// ESLint flat config. Besides typescript-eslint's recommended rules it enforces the layering:
// a folder is where its code may run, so each folder may import only what exists there.
//
//   src/main/index.ts, ipc.ts, ipc-*.ts, *-glue*.ts   Electron glue (main process): may import electron
//   src/main/engine/**     pure engine: runs in Node anywhere (CLI, workers, tests); no storage, no UI
//   src/main/services/**   app logic and storage in Node; no electron
//   src/main/cli/**        command-line front end in plain Node; no electron
//   src/shared/**          types/helpers for every process, the renderer too: no Node, no electron
//   src/preload/**         sandboxed preload: electron only (contextBridge/ipcRenderer)
//   src/renderer/**        the web page: no Node, no electron, reaches main only via window.api
//   everything else        (tests, bench, scripts, bin, e2e, other src/main files): no electron
//
// The layer rules are errors and apply to test files too. Stylistic rules are left to Prettier.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CODE = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';

/** Thin Electron glue at the top of src/main: the only main-process files that import electron. */
const MAIN_GLUE = [
  'src/main/index.ts',
  'src/main/ipc.ts',
  'src/main/ipc-*.ts',
  'src/main/*-glue*.ts',
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pkg = (...names) => `^(${names.map(escape).join('|')})(/.*)?$`;
/** An import that goes into a project folder of that name, relatively or via an alias. */
const folder = (name) => `(^|[/@])${name}(/|$)`;
const NODE_BUILTINS = `^(node:.*|(${builtinModules.map(escape).join('|')})(/.*)?)$`;

const ELECTRON_MSG =
  'electron may only be imported by the thin glue in src/main/index.ts / src/main/ipc.ts / ' +
  'src/main/*-glue*.ts / src/preload; put logic in src/main/services and pass plain values.';

// Each restriction: the import specifiers it matches and what to do instead.
const R = {
  electron: { regex: pkg('electron'), message: ELECTRON_MSG },
  electronInRenderer: {
    regex: pkg('electron'),
    message:
      'The renderer is a sandboxed web page without electron: use window.api (exposed by ' +
      'src/preload, typed in src/shared/api.ts).',
  },
  ui: {
    regex: pkg('react', 'react-dom', 'zustand', 'recharts'),
    message: 'UI libraries belong in src/renderer; this layer exposes plain data and functions.',
  },
  sqliteInEngine: {
    regex: pkg('better-sqlite3'),
    message:
      'Storage belongs in src/main/services: the engine takes and returns plain data, services ' +
      'persist it with better-sqlite3.',
  },
  nativeOutsideMain: {
    regex: pkg('better-sqlite3', 'zstd-napi'),
    message:
      'Native modules load only in the main process/Node: use them in src/main/services and reach ' +
      'them via window.api (renderer) or plain data (src/shared).',
  },
  nodeInShared: {
    regex: NODE_BUILTINS,
    message:
      'src/shared is also bundled into the renderer and preload, which have no Node: keep it plain ' +
      'TypeScript and put Node code in src/main/services.',
  },
  nodeInRenderer: {
    regex: NODE_BUILTINS,
    message:
      'The renderer is a web page without Node: ask the main process through window.api ' +
      '(src/preload), implemented in src/main/services.',
  },
  nodeInPreload: {
    regex: NODE_BUILTINS,
    message:
      'The preload is sandboxed and can require only electron: do Node work in the main process ' +
      '(src/main/services) behind an IPC call.',
  },
  services: {
    regex: folder('services'),
    message:
      'The engine must not depend on src/main/services (services use the engine, not the ' +
      'reverse): take what you need as parameters or declare an interface in the engine.',
  },
  cli: {
    regex: folder('cli'),
    message:
      'src/main/cli is a front end: move what you need into src/main/services (or the engine) ' +
      'and import it from there.',
  },
  ipc: {
    regex: '(^|/)ipc([.-][^/]*)?(/|$)',
    message:
      'IPC handlers are Electron glue that calls the engine, not the reverse: import from ' +
      'src/shared or the engine itself.',
  },
  main: {
    regex: '(^|[/@])main/',
    message:
      'src/main runs in the main process/Node only: move shared types and helpers into ' +
      'src/shared; the renderer reaches the main process through window.api.',
  },
  renderer: {
    regex: folder('renderer'),
    message:
      'src/renderer is the UI bundle of the browser window: move shared types and helpers into ' +
      'src/shared.',
  },
  preload: {
    regex: folder('preload'),
    message:
      'src/preload is bundled only into the window preload: share types via src/shared; the ' +
      'renderer uses window.api (declared in src/preload/index.d.ts).',
  },
};

/** Dynamic import()/require() of electron, which no-restricted-imports does not see. */
const ELECTRON_SYNTAX = [
  { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: ELECTRON_MSG },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]",
    message: ELECTRON_MSG,
  },
];

function layer(name, files, restrictions, { ignores = [], electronAllowed = false } = {}) {
  return {
    name: `backtestr/layer/${name}`,
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) },
      ],
      'no-restricted-syntax': electronAllowed ? 'off' : ['error', ...ELECTRON_SYNTAX],
    },
  };
}

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    '.tools/',
    'artifacts/',
    'test-output/',
    '.vitest-tmp/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'backtestr/base',
    files: [CODE],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    name: 'backtestr/renderer',
    files: ['src/renderer/**/*.{ts,tsx,js,jsx}'],
    languageOptions: { globals: globals.browser },
    ...reactHooks.configs.flat.recommended,
  },

  {
    name: 'backtestr/tests',
    files: ['test/**', 'e2e/**', 'bench/**', '**/*.test.{ts,tsx}', '**/*.spec.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },

  // Layers: later entries override earlier ones for the files they match, and each lists all
  // of its restrictions (flat config replaces, not merges, a rule's options).
  layer('default', [CODE], [R.electron]),
  layer('main', ['src/main/*.{ts,js}'], [R.electron, R.renderer, R.preload], {
    ignores: MAIN_GLUE,
  }),
  layer('main-glue', MAIN_GLUE, [R.renderer, R.preload], { electronAllowed: true }),
  layer(
    'engine',
    ['src/main/engine/**'],
    [R.electron, R.ui, R.sqliteInEngine, R.services, R.cli, R.ipc, R.renderer, R.preload],
  ),
  layer('services', ['src/main/services/**'], [R.electron, R.cli, R.renderer, R.preload]),
  layer('cli', ['src/main/cli/**'], [R.electron, R.ipc, R.renderer, R.preload]),
  layer(
    'shared',
    ['src/shared/**'],
    [R.electron, R.nodeInShared, R.nativeOutsideMain, R.ui, R.main, R.renderer, R.preload],
  ),
  layer('preload', ['src/preload/**'], [R.nodeInPreload, R.nativeOutsideMain, R.main, R.renderer], {
    electronAllowed: true,
  }),
  layer(
    'renderer',
    ['src/renderer/**'],
    [R.electronInRenderer, R.nodeInRenderer, R.nativeOutsideMain, R.main, R.preload],
  ),
]);
