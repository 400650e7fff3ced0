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

export function createRouteTable(operations: Operation[]): Route[] {
  const byTemplate = new Map<string, Operation[]>();
  for (const op of operations) byTemplate.set(op.path, [...(byTemplate.get(op.path) ?? []), op]);
  return [...byTemplate].map(([template, ops]) => createRoute(template, ops));
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

export function findRoute(routes: Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = route.match(path);
    if (params) return { route, params };
  }
  return undefined;
}
