import type { Operation } from '../openapi/operations';

/** One URL pattern of the API with the operations served on it, derived from the spec's `paths`. */
export interface Route {
  template: string;
  /** A route with a path parameter (`/events/events/{event_uuid}/`); DRF checks permissions there at lookup. */
  isDetail: boolean;
  /** Operations by HTTP method; HEAD is served by the GET operation. */
  operations: Map<string, Operation>;
  /** The `Allow` header DRF sends on every response of this URL. */
  allow: string;
  match(path: string): Record<string, string> | undefined;
}

// DRF's `http_method_names` order, which is also the order of its Allow header.
const DRF_METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The routes of one API, and the lookup of a request path among them. */
export interface RouteTable {
  /** Most specific first: where two templates could match one path, the literal segment wins. */
  routes: Route[];
  find(path: string): { route: Route; params: Record<string, string> } | undefined;
}

export function createRouteTable(operations: Operation[]): RouteTable {
  const byTemplate = new Map<string, Operation[]>();
  for (const op of operations) byTemplate.set(op.path, [...(byTemplate.get(op.path) ?? []), op]);
  // DRF's routers register an action's literal URL (`users/me/`) before the detail URL (`users/{id}/`)
  // that would also match it, and Django takes the first match; sorting literal segments first does the same.
  const routes = [...byTemplate].map(([template, ops]) => createRoute(template, ops)).sort((a, b) => compareSpecificity(a.template, b.template));
  // Routes grouped by first path segment, so that a lookup among authentik's 458 paths tries a few dozen.
  const byFirstSegment = new Map<string, Route[]>();
  for (const route of routes) {
    const first = firstSegment(route.template);
    byFirstSegment.set(first, [...(byFirstSegment.get(first) ?? []), route]);
  }
  const parameterFirst = routes.filter((route) => firstSegment(route.template).startsWith('{'));
  return {
    routes,
    find(path) {
      const candidates = byFirstSegment.get(firstSegment(path));
      return (candidates && findIn(candidates, path)) ?? findIn(parameterFirst, path);
    },
  };
}

function firstSegment(path: string): string {
  return path.split('/', 2)[1] ?? '';
}

function compareSpecificity(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const leftParam = left[i]!.startsWith('{');
    const rightParam = right[i]!.startsWith('{');
    if (leftParam !== rightParam) return leftParam ? 1 : -1;
  }
  // Lexicographic over "is a parameter" per segment, so the order is total and the sort well defined.
  return left.length - right.length;
}

function createRoute(template: string, ops: Operation[]): Route {
  const names: string[] = [];
  // DRF routers capture a lookup with `[^/.]+`; every authentik path ends with `/`.
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return '([^/.]+)';
  });
  const pattern = new RegExp(`^${source}$`);
  const operations = new Map(ops.map((op) => [op.method, op]));
  const methods = new Set([...operations.keys(), 'OPTIONS', ...(operations.has('GET') ? ['HEAD'] : [])]);
  return {
    template,
    isDetail: names.length > 0,
    operations,
    allow: DRF_METHOD_ORDER.filter((m) => methods.has(m)).join(', '),
    match(path) {
      const found = pattern.exec(path);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, found[i + 1]!]));
    },
  };
}

function findIn(routes: Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = route.match(path);
    if (params) return { route, params };
  }
  return undefined;
}
