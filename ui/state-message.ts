import type { DashboardContext } from './context';
import { messageLine } from './dom';

/**
 * An outcome line ("Loaded failing-tasks: 6 system tasks") that stays true: when another action or a write
 * through the API changes the state, the line is cleared. The line itself is the source its panel hands
 * to `ctx.refreshState`, so that its own change does not clear it.
 */
export function stateMessage(ctx: DashboardContext): ReturnType<typeof messageLine> {
  const message = messageLine();
  ctx.onStateChange((sources) => void (sources.has(message) || message.clear()));
  return message;
}
