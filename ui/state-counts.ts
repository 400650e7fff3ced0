import type { MockStateSummary } from '../src/openapi/generated/schemas';

/**
 * The counts a state summary has, in its order. Which ones it has depends on the authentik version (the admin
 * spec's x-authentik-schema markers: `system_tasks` in 2024.8; `tasks`, `schedules`, `workers` in 2025.8), so
 * the page lists the keys it is given rather than a version's list. The words are only the page's labels.
 */
const LABELS: Record<string, string> = { system_tasks: 'system tasks', tasks: 'tasks', schedules: 'schedules', workers: 'workers', events: 'events' };
// Not counts of the state's objects: the scenario's name, and the tokens (the Overview says them its own way).
const NOT_COUNTS = new Set(['scenario', 'tokens']);

export interface StateCount {
  key: string;
  label: string;
  count: number;
}

export function stateCounts(summary: MockStateSummary): StateCount[] {
  return Object.entries(summary)
    .filter(([key, value]) => !NOT_COUNTS.has(key) && typeof value === 'number')
    .map(([key, count]) => ({ key, label: LABELS[key] ?? key.replaceAll('_', ' '), count: count as number }));
}

/** "6 system tasks, 30 events": what a load or an import put in. */
export function describeCounts(summary: MockStateSummary): string {
  return stateCounts(summary)
    .map(({ label, count }) => `${count} ${label}`)
    .join(', ');
}

/** Whether this mock's state has `key` (e.g. `tasks`): the panels of a version are those whose counts it has. */
export function hasCount(summary: MockStateSummary, key: keyof MockStateSummary): boolean {
  return typeof summary[key] === 'number';
}
