import fs from 'node:fs';
import path from 'node:path';
import { strategiesDir } from '../../src/main/services/strategies/strategy-loader.ts';

/** Writes `<dataDir>/strategies/<name>` and returns its path. */
export function writeStrategy(dataDir: string, name: string, source: string): string {
  const dir = strategiesDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

/** A minimal valid user strategy module's source, default export. */
export function strategySource(name: string, extra = ''): string {
  return `export default {
  name: ${JSON.stringify(name)},
  description: 'test strategy ${name}',
  params: [{ name: 'lots', type: 'number', default: 1, min: 0.01, description: 'size' }],
  init(ctx) { ctx.state.ok = true; },
  onBar() {},${extra}
};
`;
}
