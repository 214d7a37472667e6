/**
 * The contract between the preload script and the renderer: what `window.api` offers.
 * Plain data only (it crosses the context bridge, which copies values and drops prototypes).
 * Grows with the app; for now the window only shows who it is.
 */
export interface BackTestrApi {
  /** The app's version (package.json "version"), as reported by the main process. */
  readonly version: string;
  /** `process.platform` of the machine: 'linux', 'darwin', 'win32', ... */
  readonly platform: string;
}

/**
 * Main hands the app version to the sandboxed preload as a command-line switch
 * (webPreferences.additionalArguments), which the preload reads from `process.argv`.
 */
export const APP_VERSION_SWITCH = '--backtestr-app-version=';
