import type { MockJournalEntry } from '../src/openapi/generated/schemas';
import { callAdmin, followEvents } from './admin-api';
import { toCurlCommand } from './curl-command';
import { badge, dataTable, expandableRow, h, json, messageLine, panel, shortTime } from './dom';
import { requestWho } from './request-who';

// The journal keeps 1,000 entries; the table keeps as many.
const KEPT = 1000;

/**
 * Requests: the journal, live. The server pushes each entry as server-sent events (GET /__mock__/requests/stream,
 * filtered there); new rows go on top. A row opens its bodies and a curl command.
 */
export function createRequestsPanel(operations: readonly string[], onWrite: () => void, onStubAnswer: () => void): { element: HTMLElement; start(): void } {
  const message = messageLine();
  const live = h('p', { class: 'hint', role: 'status' }, 'Connecting…');
  const body = h('tbody');
  const operationFilter = h('select', { id: 'requests-operation' }, h('option', { value: '' }, 'any'), ...operations.map((id) => h('option', { value: id }, id)));
  const statusFilter = h('input', { id: 'requests-status', type: 'number', min: 0, max: 599, placeholder: 'any' });
  const clear = h('button', { type: 'button' }, 'Clear journal');
  let stream: AbortController | undefined;

  const start = () => {
    stream?.abort();
    stream = new AbortController();
    body.replaceChildren();
    const query = new URLSearchParams();
    if (operationFilter.value !== '') query.set('operationId', operationFilter.value);
    if (statusFilter.value !== '') query.set('status', statusFilter.value);
    const text = query.toString();
    void followEvents(
      `/requests/stream${text ? `?${text}` : ''}`,
      stream.signal,
      (event, data) => {
        if (event === 'error') return message.error((JSON.parse(data) as { detail: string }).detail);
        const entry = JSON.parse(data) as MockJournalEntry;
        body.prepend(...toRows(entry));
        while (body.rows.length > KEPT * 2) body.lastElementChild!.remove();
        if (entry.method !== 'GET' && entry.method !== 'HEAD' && entry.status >= 200 && entry.status < 300) onWrite();
        // A stub that answered has one answer fewer left (or is gone): the Overview's list follows.
        if (entry.answered_by === 'stub') onStubAnswer();
        message.clear(); // "The journal is empty." is no longer true
      },
      (open, error) => {
        live.textContent = open ? 'Live: new requests appear at the top.' : `Not live: ${error ?? 'closed'}`;
      },
    );
  };
  operationFilter.addEventListener('change', start);
  statusFilter.addEventListener('change', start);
  clear.addEventListener('click', async () => {
    try {
      await callAdmin('DELETE', '/requests');
      body.replaceChildren();
      message.ok('The journal is empty.');
    } catch (error) {
      message.error((error as Error).message);
    }
  });

  const table = dataTable('Requests', ['Time', 'Method', 'Path', 'Status', 'Duration'], body);
  const filters = h(
    'div',
    { class: 'field-row' },
    h('label', { for: 'requests-operation' }, 'operationId'),
    operationFilter,
    h('label', { for: 'requests-status' }, 'Status'),
    statusFilter,
    clear,
  );
  return { element: panel('requests', 'Requests', filters, live, h('div', { class: 'scroll' }, table), message.element), start };
}

function statusKind(status: number): string {
  if (status === 0) return 'dropped';
  return status >= 500 ? 'error' : status >= 400 ? 'warning' : 'successful';
}

/** Time, method, the path with its query (the button that opens the row), status and duration. */
function toRows(entry: MockJournalEntry): HTMLTableRowElement[] {
  const status = entry.status === 0 ? 'dropped' : String(entry.status);
  const cells = [shortTime(entry.timestamp), entry.method, h('span', {}, badge(statusKind(entry.status), status), ...upstreamMarks(entry)), `${entry.duration_ms.toFixed(1)} ms`];
  return expandableRow(entry.url, cells, () => requestDetail(entry), 5, 2);
}

/** Behind --upstream or --proxy: who answered, and whether the answer broke the spec (the client got it as it was). */
function upstreamMarks(entry: MockJournalEntry): Node[] {
  if (entry.answered_by !== 'upstream') return [];
  const count = entry.contract_violations.length;
  return [document.createTextNode(' '), badge('queued', 'upstream'), ...(count === 0 ? [] : [document.createTextNode(' '), badge('error', count === 1 ? 'violates the spec' : `${count} spec violations`)])];
}

function requestDetail(entry: MockJournalEntry): Node {
  const curl = toCurlCommand(entry, location.origin);
  const copied = h('span', { class: 'hint', role: 'status' });
  const copy = h('button', { type: 'button' }, 'Copy curl command');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(curl);
      copied.textContent = 'Copied.';
    } catch {
      copied.textContent = 'The browser refused the clipboard: select the command and copy it.';
    }
  });
  return h(
    'div',
    { class: 'request-detail' },
    h('p', {}, `operationId: ${entry.operationId ?? '(none)'}`),
    ...entry.contract_violations.map((violation) => h('p', { class: 'message error' }, violation)),
    requestWho(entry),
    h('h4', {}, 'curl'),
    h('pre', { class: 'curl', 'aria-label': 'curl command' }, curl),
    h('div', { class: 'actions' }, copy, copied),
    h('h4', {}, 'Request body'),
    json(entry.request_body),
    h('h4', {}, 'Response body'),
    json(entry.response_body),
  );
}
