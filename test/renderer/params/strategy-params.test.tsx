// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RunsScreen } from '../../../src/renderer/src/screens/RunsScreen.tsx';
import { installFakeApi, resetShell, runInfo } from '../shell/fake-api.ts';

afterEach(resetShell);

const params = { fast: 10, stopLossPips: 25 };

describe('a run’s params in the Runs list', () => {
  it("are written with the labels of the strategy's schema once it is loaded", async () => {
    const fake = installFakeApi({
      'runs:list': () => [runInfo('r1', { strategy: { name: 'ma-cross', params } })],
      'strategies:list': () => ({
        strategies: [
          {
            name: 'ma-cross',
            description: '',
            source: 'builtin',
            file: null,
            params: [
              {
                name: 'fast',
                type: 'integer',
                default: 10,
                description: '',
                label: 'Fast MA period',
              },
              { name: 'stopLossPips', type: 'number', default: 0, description: '' },
            ],
          },
        ],
        errors: [],
      }),
    });
    render(<RunsScreen />);
    const row = (await screen.findByText('r1')).closest('tr')!;
    await waitFor(() =>
      expect(within(row).getByText('Fast MA period 10 · Stop loss (pips) 25')).toBeTruthy(),
    );
    // One load of the schemas for the whole list, not one per row.
    expect(fake.argsOf('strategies:list')).toHaveLength(1);
  });

  it('fall back to humanised names when the schemas cannot be loaded', async () => {
    installFakeApi({
      'runs:list': () => [runInfo('r1', { strategy: { name: 'gone', params } })],
      'strategies:list': () => Promise.reject(new Error('backend down')),
    });
    render(<RunsScreen />);
    const row = (await screen.findByText('r1')).closest('tr')!;
    expect(within(row).getByText('Fast 10 · Stop loss (pips) 25')).toBeTruthy();
  });
});
