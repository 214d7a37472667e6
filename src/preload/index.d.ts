// What the preload puts on `window` (see src/preload/index.ts); included by tsconfig.web.json.
import type { BackTestrApi } from '../shared/api.ts';

declare global {
  interface Window {
    readonly api: BackTestrApi;
  }
}

export {};
