export { estimateTickCount, generateTicks, type GenerateOptions } from './generate-ticks.ts';
export { Prng, type PrngState } from './prng.ts';
