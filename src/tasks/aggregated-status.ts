import type { LogEvent, StateEnum, TaskAggregatedStatusEnum } from '../openapi/generated/schemas-2025.8';
import type { TaskRecord } from '../store/dramatiq-records';

/**
 * authentik's `update_aggregated_status` trigger, run on every insert and update of a task row: a task
 * that is not `done` shows its state; a `done` one the worst level among its current `messages` (not
 * `previous_messages`): `error`, else `warning`, else `info`, else `done`.
 */
export function aggregatedStatus(state: StateEnum, messages: readonly LogEvent[]): TaskAggregatedStatusEnum {
  if (state !== 'done') return state;
  const levels = new Set(messages.map((message) => message.log_level));
  if (levels.has('error')) return 'error';
  if (levels.has('warning')) return 'warning';
  if (levels.has('info')) return 'info';
  return 'done';
}

/** A task row as the table stores it after a write: its aggregated status computed by the trigger. */
export function writtenTask(task: Omit<TaskRecord, 'aggregated_status'>): TaskRecord {
  return { ...task, aggregated_status: aggregatedStatus(task.state, task.messages) };
}
