import type { MockFaults, MockOverview, MockStubList } from '../src/openapi/generated/schemas';

/** What the panels share: the latest overview, and a way to ask the state-bound panels to read again. */
export interface DashboardContext {
  overview: MockOverview;
  /** The faults and stubs in force, read with the overview (the Overview lists them, Reset counts them). */
  faults: MockFaults;
  stubs: MockStubList['stubs'];
  /**
   * Re-reads the overview, the tasks, the events and the faults (after a load, a reset, an import or a write
   * through the API). `source` is the outcome line of the action that changed the state: it stays, and every
   * other panel's outcome line is cleared, since it no longer describes the state.
   */
  refreshState(source?: object): void;
  /** Called after each change with the sources of the changes (none: a write through authentik's API). */
  onStateChange(listener: (sources: ReadonlySet<object>) => void): void;
}
