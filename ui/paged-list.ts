import { callAdmin } from './admin-api';
import { h } from './dom';

export interface ListPage<T> {
  /** How many rows match, on every page. */
  count: number;
  rows: T[];
}

export interface PagedListOptions<T> {
  /** The ids' prefix (`system-tasks`), unique on the page. */
  id: string;
  /** The rows' name, singular and plural, for the status line. */
  noun: readonly [one: string, many: string];
  /** How the rows are ordered, for the status line (`by name`). */
  order: string;
  /** What the search finds, under its field. */
  searchHint: string;
  /** Reads one page from the admin API: the rows matching `search` from `offset`, `limit` of them. */
  read(search: string, offset: number, limit: number): Promise<ListPage<T>>;
  render(rows: T[]): void;
}

const PAGE_SIZE = 50;

/** One page of an admin list (`GET /__mock__/tasks?search=&offset=&limit=`), whose rows are under `key` beside `count`. */
export async function readAdminPage<T>(path: string, key: string, query: Record<string, string>): Promise<ListPage<T>> {
  const answer = await callAdmin<{ count: number } & Record<string, unknown>>('GET', `${path}?${new URLSearchParams(query)}`);
  return { count: answer.count, rows: answer[key] as T[] };
}
// Typing a search word asks once it pauses, not at every key.
const SEARCH_PAUSE_MS = 250;

/**
 * Search and paging over a list the admin API searches and pages (ten thousand tasks are fifty rows in the
 * page at a time): a search field, Previous page and Next page, and a line that says which rows are shown.
 */
export function createPagedList<T>(options: PagedListOptions<T>): { controls: HTMLElement; status: HTMLElement; refresh(): Promise<void>; first(): Promise<void> } {
  const { id, noun } = options;
  const search = h('input', { type: 'search', id: `${id}-search`, autocomplete: 'off', 'aria-describedby': `${id}-search-hint` });
  const previous = h('button', { type: 'button' }, 'Previous page');
  const next = h('button', { type: 'button' }, 'Next page');
  const status = h('p', { class: 'hint', id: `${id}-shown`, 'aria-live': 'polite' });
  let offset = 0;
  let count = 0;
  let asked = 0;

  const refresh = async () => {
    const ask = ++asked;
    const term = search.value.trim();
    let page = await options.read(term, offset, PAGE_SIZE);
    // A delete can empty the last page: show the page before it.
    if (page.rows.length === 0 && offset > 0 && page.count > 0) {
      offset = Math.floor((page.count - 1) / PAGE_SIZE) * PAGE_SIZE;
      page = await options.read(term, offset, PAGE_SIZE);
    }
    if (ask !== asked) return; // an answer to an older search or page, overtaken by a newer one
    count = page.count;
    const matching = term === '' ? '' : ` matching "${term}"`;
    const n = (value: number) => value.toLocaleString('en-US');
    status.textContent =
      count === 0
        ? `No ${noun[1]}${matching}.`
        : `${n(offset + 1)}–${n(offset + page.rows.length)} of ${n(count)} ${count === 1 ? noun[0] : noun[1]}${matching}, ${options.order} (page ${n(offset / PAGE_SIZE + 1)} of ${n(Math.ceil(count / PAGE_SIZE))}).`;
    previous.disabled = offset === 0;
    next.disabled = offset + PAGE_SIZE >= count;
    options.render(page.rows);
  };
  let pause: ReturnType<typeof setTimeout> | undefined;
  // Every read takes the search as it is typed, so a read that starts ends the pause: its timer would later go back to page 1.
  const first = () => {
    clearTimeout(pause);
    offset = 0;
    return refresh();
  };
  search.addEventListener('input', () => {
    clearTimeout(pause);
    pause = setTimeout(() => void first(), SEARCH_PAUSE_MS);
  });
  previous.addEventListener('click', () => {
    clearTimeout(pause);
    offset = Math.max(0, offset - PAGE_SIZE);
    void refresh();
  });
  next.addEventListener('click', () => {
    clearTimeout(pause);
    if (offset + PAGE_SIZE < count) offset += PAGE_SIZE;
    void refresh();
  });
  const controls = h(
    'div',
    { class: 'pager' },
    h('label', { for: `${id}-search` }, 'Search'),
    search,
    h('span', { class: 'hint', id: `${id}-search-hint` }, options.searchHint),
    previous,
    next,
  );
  return { controls, status, refresh, first };
}
