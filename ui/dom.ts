/** A child of `h`: text, an element, or nothing (skipped). */
export type Child = Node | string | number | null | undefined | false;

type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Builds an element: `h('button', { type: 'button', onclick: … }, 'Load')`. `on…` keys are listeners, `true`
 * is an empty attribute, `false` and undefined are left out. Text is always text (never parsed as HTML), and
 * no attribute can carry inline script or style, which the page's CSP forbids anyway.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A section with its heading, labelled by it for screen readers' landmarks. */
/** A table named by its caption (what tests and screen readers find it by), with one header cell per column. */
export function dataTable(caption: string, columns: readonly string[], body: HTMLTableSectionElement): HTMLTableElement {
  return h('table', {}, h('caption', {}, caption), h('thead', {}, h('tr', {}, ...columns.map((title) => h('th', { scope: 'col' }, title)))), body);
}

export function panel(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...children);
}

/** A line that screen readers announce: `role=status` for outcomes, `role=alert` for errors. */
export function messageLine(): { element: HTMLElement; ok(text: string): void; error(text: string): void; clear(): void } {
  const element = h('p', { class: 'message', 'aria-live': 'polite' });
  return {
    element,
    ok(text) {
      element.className = 'message ok';
      element.setAttribute('role', 'status');
      element.textContent = text;
    },
    error(text) {
      element.className = 'message error';
      element.setAttribute('role', 'alert');
      element.textContent = text;
    },
    clear() {
      element.className = 'message';
      element.removeAttribute('role');
      element.textContent = '';
    },
  };
}

/** A status as a badge: its word is always shown, the colour only repeats it (WCAG 1.4.1). */
export function badge(kind: string, text: string = kind): HTMLElement {
  return h('span', { class: `badge badge-${kind.replace(/[^a-z0-9-]/gi, '')}` }, text);
}

/**
 * A row that opens a detail row below it (built on first open). The button named `label` sits in cell `at`
 * (the first by default) and says whether the row is open (aria-expanded).
 */
export function expandableRow(label: string, cells: Child[], detail: () => Node, columns: number, at = 0): HTMLTableRowElement[] {
  const detailRow = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: columns }));
  const toggle = h('button', { type: 'button', class: 'row-toggle', 'aria-expanded': 'false' }, label);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    if (open && !detailRow.firstElementChild!.hasChildNodes()) detailRow.firstElementChild!.appendChild(detail());
    detailRow.hidden = !open;
  });
  const all: Child[] = [...cells.slice(0, at), toggle, ...cells.slice(at)];
  return [h('tr', {}, ...all.map((cell) => h('td', {}, cell))), detailRow];
}

/** Local time with seconds, for tables; the full ISO timestamp in the title. */
export function shortTime(iso: string): HTMLElement {
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }));
}

export function json(value: unknown): HTMLElement {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}
