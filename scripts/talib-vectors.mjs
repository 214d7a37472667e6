// Generates the TA-Lib reference vectors in test/fixtures/talib/talib-vectors.json.
//
// The values come from a real TA-Lib C build (the `talib-web` npm package: TA-Lib C compiled
// to WebAssembly), never from our own indicator code. The tests only read the JSON, so TA-Lib
// is not a dependency of the project. Regenerate (outside the repo, talib-web is NOT a project dep):
//
//   mkdir -p /tmp/talib && cd /tmp/talib && npm init -y && npm install talib-web@0.1.3
//   node /path/to/repo/scripts/talib-vectors.mjs            # run from the folder holding node_modules/talib-web
//
// talib-web's own JS wrapper is not used for the calls: it passes endIdx = length (one past the
// end), writes outBegIdx/outNBElement to address 0 and reads the outputs after freeing them.
// We call the exported C functions (TA_SMA, ...) directly through the emscripten module with
// startIdx = 0, endIdx = length - 1 and read outBegIdx/outNBElement back, so every output is placed
// at its true bar index; bars before outBegIdx are written as null. TA-Lib globals are left at their
// defaults: compatibility = default, every unstable period = 0.
//
// Cross-check against a native TA-Lib build (optional, see scripts/talib-vectors.c):
//   node scripts/talib-vectors.mjs --dump-input /tmp/in.txt      # input series as text for the C harness
//   ./talib-vectors-native /tmp/in.txt > /tmp/native.txt           # built from scripts/talib-vectors.c
//   node scripts/talib-vectors.mjs --compare /tmp/native.txt     # counts exact / differing values
// Neither mode needs talib-web.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'test',
  'fixtures',
  'talib',
  'talib-vectors.json',
);
const mode = process.argv[2];
if (mode === '--dump-input' || mode === '--compare') {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  if (mode === '--dump-input') {
    const { high, low, close, volume } = fixture.input;
    const lines = [String(close.length)];
    for (let i = 0; i < close.length; i++)
      lines.push([high[i], low[i], close[i], volume[i]].map((x) => x.toPrecision(17)).join(' '));
    writeFileSync(process.argv[3], lines.join('\n') + '\n');
  } else {
    const columns = Object.assign({}, ...fixture.cases.map((c) => c.columns));
    let total = 0,
      exact = 0,
      worstRel = 0,
      badFirst = 0;
    for (const line of readFileSync(process.argv[3], 'utf8').trim().split('\n')) {
      const [name, beg, ...vals] = line.split(' ');
      const ref = columns[name];
      if (!ref) throw new Error(`unknown column ${name}`);
      if (Number(beg) !== ref.firstOutputIndex) badFirst++;
      vals.forEach((v, k) => {
        const a = Number(v),
          r = ref.values[Number(beg) + k];
        total++;
        if (a === r) exact++;
        else
          worstRel = Math.max(worstRel, Math.abs(a - r) / Math.max(Math.abs(r), Number.MIN_VALUE));
      });
    }
    console.log(
      `${total} values: ${exact} bit-identical, worst relative difference ${worstRel}, first-index mismatches ${badFirst}`,
    );
  }
  process.exit(0);
}

const requireFromCwd = createRequire(join(process.cwd(), 'noop.js'));
const talibPkgPath = requireFromCwd.resolve('talib-web/package.json');
const talibPkg = JSON.parse(readFileSync(talibPkgPath, 'utf8'));
const talib = requireFromCwd('talib-web');

// emscripten prefers fetch() when it exists, and Node's fetch cannot read a plain file path.
const savedFetch = globalThis.fetch;
globalThis.fetch = undefined;
const M = await talib.init(join(dirname(talibPkgPath), 'lib', 'talib.wasm'));
globalThis.fetch = savedFetch;

// ---------------------------------------------------------------------------------------------
// Deterministic OHLCV walk (mulberry32 PRNG + Box-Muller), prices rounded to cents so that
// ties occur (equal closes for OBV, equal highs/lows for the channel indicators).
// Bars 150..173 are completely flat (open = high = low = close) to exercise TA-Lib's
// zero-range / zero-deviation branches (WILLR, STOCH, CCI, BBANDS, RSI, SAR...).
// ---------------------------------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20240601);
const gauss = () => {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
const cents = (x) => Math.round(x * 100) / 100;

const N = 300;
const FLAT_FROM = 150;
const FLAT_TO = 173;
const input = { time: [], open: [], high: [], low: [], close: [], volume: [] };
let last = 100;
for (let i = 0; i < N; i++) {
  const time = Date.UTC(2024, 0, 1) + i * 3_600_000; // hourly bars
  let open, high, low, close;
  if (i >= FLAT_FROM && i <= FLAT_TO) {
    open = high = low = close = last;
  } else {
    open = cents(rand() < 0.15 ? last * (1 + 0.004 * gauss()) : last); // occasional gap
    close = cents(open * (1 + 0.01 * gauss()));
    high = cents(Math.max(open, close) * (1 + 0.004 * Math.abs(gauss())));
    low = cents(Math.min(open, close) * (1 - 0.004 * Math.abs(gauss())));
  }
  const volume = 100 + Math.floor(rand() * 9900);
  input.time.push(time);
  input.open.push(open);
  input.high.push(high);
  input.low.push(low);
  input.close.push(close);
  input.volume.push(volume);
  last = close;
}

// ---------------------------------------------------------------------------------------------
// Raw calls into the TA-Lib C API.
// ---------------------------------------------------------------------------------------------
const TA_SUCCESS = 0;
const MATYPE_SMA = 0;
function callTa(name, inputs, options, nOutputs) {
  const n = inputs[0].length;
  const inPtrs = inputs.map((arr) => {
    const p = M._malloc(8 * n);
    M.HEAPF64.set(arr, p / 8);
    return p;
  });
  const begPtr = M._malloc(4);
  const nbPtr = M._malloc(4);
  const outPtrs = Array.from({ length: nOutputs }, () => M._malloc(8 * n));
  const args = [0, n - 1, ...inPtrs, ...options, begPtr, nbPtr, ...outPtrs];
  const rc = M.ccall(
    `TA_${name}`,
    'number',
    args.map(() => 'number'),
    args,
  );
  if (rc !== TA_SUCCESS) throw new Error(`TA_${name} returned ${rc}`);
  const beg = M.HEAP32[begPtr / 4];
  const nb = M.HEAP32[nbPtr / 4];
  const outputs = outPtrs.map((p) => {
    const full = new Array(n).fill(null);
    const view = M.HEAPF64.subarray(p / 8, p / 8 + nb);
    for (let k = 0; k < nb; k++) full[beg + k] = view[k];
    return full;
  });
  for (const p of [...inPtrs, begPtr, nbPtr, ...outPtrs]) M._free(p);
  if (beg + nb !== n) throw new Error(`TA_${name}: outputs do not reach the last bar`);
  return { beg, outputs };
}

const { high: H, low: L, close: C, volume: V } = input;
const cases = [];
// spec: our canonical spec; columns: our column names for the TA-Lib outputs, in TA-Lib order.
// Calls for the same spec (ADX + PLUS_DI + MINUS_DI) are merged into one case.
function add(spec, func, inputs, options, columns) {
  const { beg, outputs } = callTa(func, inputs, options, columns.length);
  let c = cases.find((x) => x.spec === spec);
  if (!c) cases.push((c = { spec, columns: {} }));
  columns.forEach((name, k) => {
    c.columns[name] = {
      talib: `TA_${func}(${options.join(', ')})`,
      firstOutputIndex: beg,
      values: outputs[k],
    };
  });
}
const col = (spec) => spec.replace(/[()]/g, ' ').trim().replace(/[ ,]+/g, '_');

for (const n of [20, 5]) add(`sma(${n})`, 'SMA', [C], [n], [col(`sma(${n})`)]);
for (const n of [20, 10]) add(`ema(${n})`, 'EMA', [C], [n], [col(`ema(${n})`)]);
for (const n of [20, 9]) add(`wma(${n})`, 'WMA', [C], [n], [col(`wma(${n})`)]);
for (const n of [20, 5]) add(`dema(${n})`, 'DEMA', [C], [n], [col(`dema(${n})`)]);
for (const n of [20, 4]) add(`tema(${n})`, 'TEMA', [C], [n], [col(`tema(${n})`)]);
for (const n of [14, 7]) add(`rsi(${n})`, 'RSI', [C], [n], [col(`rsi(${n})`)]);
for (const [n, k] of [
  [20, 2],
  [10, 1.5],
  [5, 1],
]) {
  const c = col(`bbands(${n},${k})`);
  add(
    `bbands(${n},${k})`,
    'BBANDS',
    [C],
    [n, k, k, MATYPE_SMA],
    [`${c}_upper`, `${c}_middle`, `${c}_lower`],
  );
}
for (const [f, s, g] of [
  [12, 26, 9],
  [5, 13, 4],
]) {
  const c = col(`macd(${f},${s},${g})`);
  add(`macd(${f},${s},${g})`, 'MACD', [C], [f, s, g], [`${c}_macd`, `${c}_signal`, `${c}_hist`]);
}
for (const [k, sk, d] of [
  [14, 3, 3],
  [5, 3, 2],
  [9, 1, 4],
]) {
  const c = col(`stoch(${k},${sk},${d})`);
  add(
    `stoch(${k},${sk},${d})`,
    'STOCH',
    [H, L, C],
    [k, sk, MATYPE_SMA, d, MATYPE_SMA],
    [`${c}_k`, `${c}_d`],
  );
}
for (const n of [14, 7]) add(`willr(${n})`, 'WILLR', [H, L, C], [n], [col(`willr(${n})`)]);
for (const n of [14, 20]) add(`cci(${n})`, 'CCI', [H, L, C], [n], [col(`cci(${n})`)]);
for (const n of [14, 5]) add(`atr(${n})`, 'ATR', [H, L, C], [n], [col(`atr(${n})`)]);
for (const n of [14, 7]) {
  const c = col(`adx(${n})`);
  add(`adx(${n})`, 'ADX', [H, L, C], [n], [`${c}_adx`]);
  add(`adx(${n})`, 'PLUS_DI', [H, L, C], [n], [`${c}_pdi`]);
  add(`adx(${n})`, 'MINUS_DI', [H, L, C], [n], [`${c}_mdi`]);
}
for (const [a, m] of [
  [0.02, 0.2],
  [0.03, 0.25],
])
  add(`sar(${a},${m})`, 'SAR', [H, L], [a, m], [col(`sar(${a},${m})`)]);
add('obv', 'OBV', [C, V], [], ['obv']);

const fixture = {
  source: {
    package: talibPkg.name,
    version: talibPkg.version,
    description: talibPkg.description,
    generator: 'scripts/talib-vectors.mjs',
    talibSettings: 'compatibility default, unstable periods 0, MA type SMA for BBANDS/STOCH',
  },
  input,
  cases,
};
mkdirSync(dirname(FIXTURE), { recursive: true });
writeFileSync(FIXTURE, JSON.stringify(fixture) + '\n');
console.log(`wrote ${cases.length} cases over ${N} bars from ${talibPkg.name}@${talibPkg.version}`);
