import type { MockOverview } from '../src/openapi/generated/schemas';

/** What the panels share: the latest overview, and a way to ask the state-bound panels to read again. */
export interface DashboardContext {
  overview: MockOverview;
  /** Re-reads the overview, the tasks and the events (after a load, a reset, an import or a write through the API). */
  refreshState(): void;
}
