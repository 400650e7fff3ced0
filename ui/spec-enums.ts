/**
 * Enumerations of spec/authentik-events.yaml that the forms offer, put in at build time by
 * scripts/build-ui.mjs (esbuild `define`) from the spec itself, so that the page never restates them.
 */
declare const __SYSTEM_TASK_STATUSES__: readonly string[];
declare const __LOG_LEVELS__: readonly string[];

export const SYSTEM_TASK_STATUSES = __SYSTEM_TASK_STATUSES__;
export const LOG_LEVELS = __LOG_LEVELS__;
