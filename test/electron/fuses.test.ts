import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const yml = readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
/** electron-builder 26's own declaration of the fuse options, to catch a misspelt key. */
const schema = readFileSync(
  path.join(repo, 'node_modules/app-builder-lib/out/configuration.d.ts'),
  'utf8',
);

/** The `electronFuses:` block as key → boolean. */
function fuses(): Record<string, boolean> {
  const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']),
  );
}

describe('Electron fuses in electron-builder.yml (issue 8 §10)', () => {
  it('turn off running as Node, NODE_OPTIONS, --inspect; load only the checked app.asar', () => {
    expect(fuses()).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only keys electron-builder knows (FuseOptionsV1)', () => {
    const known = /interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(schema)?.[1] ?? '';
    for (const key of Object.keys(fuses())) expect(known, key).toMatch(new RegExp(`\\b${key}\\?:`));
  });
});
