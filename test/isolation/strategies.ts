/** User strategy sources that misbehave on purpose, for the isolation tests. */
import fs from 'node:fs';
import path from 'node:path';

/** Written beside the strategy file by ENDLESS_ON_BAR just before it loops. */
export const STUCK_MARKER = 'endless.stuck';

/**
 * Resolves once ENDLESS_ON_BAR (in `strategyFile`'s folder) is inside its loop: a signal or a
 * pause sent earlier would find a run that can still pause, which is not what such tests test.
 */
export async function stuckInOnBar(strategyFile: string): Promise<void> {
  const marker = path.join(path.dirname(strategyFile), STUCK_MARKER);
  while (!fs.existsSync(marker)) await new Promise((r) => setTimeout(r, 20));
}

/** Loops forever in onBar at the first H1 bar that closes (the bar's time is its open time). */
export const ENDLESS_ON_BAR = `import fs from 'node:fs';
export default {
  name: 'endless', description: 'never returns from onBar', params: [],
  init() {},
  onBar(ctx, ev) {
    if (ev.timeframe !== 'H1') return;
    fs.writeFileSync(new URL('./${STUCK_MARKER}', import.meta.url), '');
    for (;;) {}
  },
};
`;

/** Every H1 onBar busy-waits `ms`: slow, but each call well inside a budget bigger than ms. */
export function slowOnBar(ms: number): string {
  return `export default {
  name: 'slow', description: 'busy-waits in onBar', params: [],
  init() {},
  onBar(ctx, ev) { if (ev.timeframe !== 'H1') return; const end = Date.now() + ${ms}; while (Date.now() < end); },
};
`;
}

/** Keeps every bar it sees, and much more, forever: the heap grows without bound. */
export const HOARDER = `const hoard = [];
export default {
  name: 'hoarder', description: 'allocates without bound', params: [],
  init() {},
  onBar() { for (let i = 0; i < 1e5; i++) hoard.push({ i, s: 'x'.repeat(16) + i }); },
};
`;

/** A top-level await that never settles: importing the module never finishes. */
export const NEVER_LOADS = `await new Promise(() => {});
export default { name: 'never', description: '', params: [], init() {}, onBar() {} };
`;

/** An endless loop at the top level: importing the module never returns. */
export const LOOPS_AT_LOAD = `for (;;) {}
export default { name: 'loops', description: '', params: [], init() {}, onBar() {} };
`;

/** `requires` (called while the run is prepared) never returns. */
export const ENDLESS_REQUIRES = `export default {
  name: 'needy', description: 'requires loops', params: [],
  requires() { for (;;) {} },
  init() {}, onBar() {},
};
`;

/** Ends the thread it runs on from inside onBar. */
export const EXITS_IN_ON_BAR = `export default {
  name: 'quitter', description: 'calls process.exit', params: [],
  init() {}, onBar() { process.exit(3); },
};
`;

/** Leaves a timer running forever: nothing may wait for it once the run is over. */
export const LEAVES_A_TIMER = `export default {
  name: 'ticking', description: 'starts an interval it never clears', params: [],
  init() { setInterval(() => {}, 1000); },
  onBar() {},
};
`;
