import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h } from './dom';
import type { messageLine } from './dom';

export interface RowAction {
  /** The button's word (`Run`); its accessible name adds the row's name: `Run ldap_sync:corp-ldap`. */
  verb: string;
  method: 'POST' | 'DELETE';
  /** The admin API path (`/system-tasks/{uuid}/run`). */
  path: string;
  /** The outcome line, from the admin API's answer (the row after a run; nothing after a delete). */
  done(answer: unknown): string;
}

/** A row's buttons (Run, Delete): each calls the admin API, says what it did, and has the panels read again. */
export function rowActions(ctx: DashboardContext, message: ReturnType<typeof messageLine>, name: string, actions: readonly RowAction[]): HTMLElement {
  return h(
    'div',
    { class: 'row-actions' },
    ...actions.map((action) =>
      h(
        'button',
        {
          type: 'button',
          'aria-label': `${action.verb} ${name}`,
          onclick: async () => {
            try {
              message.ok(action.done(await callAdmin<unknown>(action.method, action.path)));
              ctx.refreshState(message);
            } catch (error) {
              message.error((error as Error).message);
            }
          },
        },
        action.verb,
      ),
    ),
  );
}
