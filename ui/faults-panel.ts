import type { MockFault, MockFaults } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { dataTable, h, messageLine, panel } from './dom';

interface FaultRow {
  operationId: string;
  latency: HTMLInputElement;
  status: HTMLInputElement;
  failureRate: HTMLInputElement;
  drop: HTMLInputElement;
}

/**
 * Faults: one row per operationId of authentik's API; Apply replaces all faults with the rows, Clear all removes
 * them. The rows follow the faults in force (a reset removes them), but only when those change, so that a row
 * being typed in is not overwritten by an unrelated refresh; the outcome line ("Faults on …") goes then too.
 */
export function createFaultsPanel(ctx: DashboardContext): { element: HTMLElement; show(): void } {
  const operations = ctx.overview.operations;
  const message = messageLine();
  let shown = '';
  const rows: FaultRow[] = operations.map((operationId) => ({
    operationId,
    latency: h('input', { type: 'text', inputmode: 'numeric', size: 9, 'aria-label': `Latency for ${operationId}`, placeholder: 'ms or min-max' }),
    status: h('input', { type: 'number', min: 200, max: 599, 'aria-label': `Status for ${operationId}` }),
    failureRate: h('input', { type: 'number', min: 0, max: 1, step: 0.05, 'aria-label': `Failure rate for ${operationId}`, placeholder: '1' }),
    drop: h('input', { type: 'checkbox', 'aria-label': `Drop connection for ${operationId}` }),
  }));
  const apply = h('button', { type: 'button' }, 'Apply');
  const clear = h('button', { type: 'button' }, 'Clear all');

  const fill = (faults: MockFaults) => {
    shown = JSON.stringify(faults);
    for (const row of rows) {
      const fault = faults[row.operationId];
      const latency = fault?.latency_ms;
      row.latency.value = latency === undefined ? '' : Array.isArray(latency) ? `${latency[0]}-${latency[1]}` : String(latency);
      row.status.value = fault?.status === undefined ? '' : String(fault.status);
      row.failureRate.value = fault?.failure_rate === undefined ? '' : String(fault.failure_rate);
      row.drop.checked = fault?.drop_connection === true;
    }
  };
  apply.addEventListener('click', async () => {
    try {
      const table: MockFaults = {};
      for (const row of rows) {
        const fault = toFault(row);
        if (fault) table[row.operationId] = fault;
      }
      const applied = await callAdmin<MockFaults>('PUT', '/faults', table);
      fill((ctx.faults = applied));
      const names = Object.keys(applied);
      message.ok(names.length === 0 ? 'No faults.' : `Faults on ${names.join(', ')}.`);
      ctx.refreshState(message);
    } catch (error) {
      message.error((error as Error).message);
    }
  });
  clear.addEventListener('click', async () => {
    try {
      await callAdmin('DELETE', '/faults');
      fill((ctx.faults = {}));
      message.ok('No faults.');
      ctx.refreshState(message);
    } catch (error) {
      message.error((error as Error).message);
    }
  });

  const body = h('tbody', {}, ...rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, row.operationId)), h('td', {}, row.latency), h('td', {}, row.status), h('td', {}, row.failureRate), h('td', {}, row.drop))));
  const table = dataTable('Faults', ['Operation', 'Latency (ms, or min-max)', 'Status', 'Failure rate', 'Drop connection'], body);
  const show = () => {
    if (JSON.stringify(ctx.faults) === shown) return;
    fill(ctx.faults);
    message.clear();
  };
  return { element: panel('faults', 'Faults', h('div', { class: 'scroll' }, table), h('div', { class: 'actions' }, apply, clear), message.element), show };
}

/** A row as a MockFault, or undefined when it is empty; the admin API checks the values against the spec. */
function toFault(row: FaultRow): MockFault | undefined {
  const fault: MockFault = {};
  const latency = row.latency.value.trim();
  if (latency !== '') {
    const range = /^(\d+)\s*[-\u2013]\s*(\d+)$/.exec(latency);
    fault.latency_ms = range ? [Number(range[1]), Number(range[2])] : Number(latency);
    if (!range && !/^\d+$/.test(latency)) throw new Error(`The latency for ${row.operationId} must be milliseconds (200) or a range (200-400), not "${latency}".`);
  }
  if (row.status.value !== '') fault.status = Number(row.status.value);
  if (row.failureRate.value !== '') fault.failure_rate = Number(row.failureRate.value);
  if (row.drop.checked) fault.drop_connection = true;
  return Object.keys(fault).length === 0 ? undefined : fault;
}
