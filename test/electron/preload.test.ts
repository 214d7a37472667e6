// The preload source (src/preload/index.ts) against a fake renderer-side `electron`.
import { vi } from 'vitest';
import { fakeRendererElectron } from './fake-electron-renderer.ts';
import { preloadSuite } from './preload-suite.ts';

vi.mock('electron', () => {
  throw new Error('electron is faked per test: load the preload through loadSource()');
});

async function loadSource() {
  vi.resetModules();
  const fake = fakeRendererElectron();
  vi.doMock('electron', () => fake.module);
  await import('../../src/preload/index.ts');
  return fake;
}

preloadSuite('src/preload/index.ts', loadSource);
