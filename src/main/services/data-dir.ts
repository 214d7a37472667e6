import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'BackTestr';

export interface DataDirInputs {
  /** --data-dir */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The one data folder shared by the CLI and the app: `--data-dir`, else BACKTESTR_DATA_DIR,
 * else the folder Electron gives as app.getPath('userData') for an app named BackTestr — so the
 * CLI finds the app's data without Electron.
 */
export function resolveDataDir(inputs: DataDirInputs = {}): string {
  const env = inputs.env ?? process.env;
  if (inputs.flag) return path.resolve(inputs.flag);
  if (env.BACKTESTR_DATA_DIR) return path.resolve(env.BACKTESTR_DATA_DIR);
  return defaultUserDataDir(inputs.platform ?? process.platform, inputs.home ?? os.homedir(), env);
}

export function defaultUserDataDir(
  platform: NodeJS.Platform,
  home: string,
  env: NodeJS.ProcessEnv,
): string {
  switch (platform) {
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), APP_NAME);
  }
}
