/**
 * Enumerations of the specs that the forms and filters offer, put in at build time by scripts/build-ui.mjs
 * (esbuild `define`) from the specs themselves, so that the page never restates them: the system tasks' from
 * spec/authentik-events.yaml (2024.8), the tasks' from spec/authentik-2025.8.yaml (Task.state, Task.aggregated_status).
 */
declare const __SYSTEM_TASK_STATUSES__: readonly string[];
declare const __LOG_LEVELS__: readonly string[];
declare const __TASK_STATES__: readonly string[];
declare const __TASK_AGGREGATED_STATUSES__: readonly string[];

export const SYSTEM_TASK_STATUSES = __SYSTEM_TASK_STATUSES__;
export const LOG_LEVELS = __LOG_LEVELS__;
export const TASK_STATES = __TASK_STATES__;
export const TASK_AGGREGATED_STATUSES = __TASK_AGGREGATED_STATUSES__;
