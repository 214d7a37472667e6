/** The renderer's stores; `resetStores()` gives tests a clean slate. */
import { initialConnection, useConnection } from './connection.ts';
import { initialData, useData } from './data.ts';
import { initialNav, useNav } from './nav.ts';
import { initialRuns, useRuns } from './runs.ts';
import { initialSpecs, useSpecs } from './specs.ts';
import { initialStrategies, useStrategies } from './strategies.ts';
import { initialUi, useUi } from './ui.ts';

export { useData } from './data.ts';
export { useNav, isRunScreen, type Screen, type NavParams } from './nav.ts';
export { useRuns, connectRuns, runProgressPct } from './runs.ts';
export { useSpecs } from './specs.ts';
export { useUi, notify } from './ui.ts';

export function resetStores(): void {
  useNav.setState({ ...initialNav });
  useRuns.setState({ ...initialRuns });
  useData.setState({ ...initialData });
  useSpecs.setState({ ...initialSpecs });
  useStrategies.setState({ ...initialStrategies });
  useUi.setState({ ...initialUi });
  useConnection.setState({ ...initialConnection });
}
