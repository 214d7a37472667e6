// What the preload puts on `window` (see src/preload/index.ts); included by tsconfig.web.json.
import type { BackTestrApi } from '../shared/api.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser (the web bridge is used there). */
    readonly api?: BackTestrApi;
  }
}

export {};
