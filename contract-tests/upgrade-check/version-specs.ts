import { findSpecPath, loadSpec } from '../../src/node/spec-files';
import { listOperations, type Operation } from '../../src/openapi/operations';
import type { OpenApiDocument } from '../../src/openapi/spec-document';
import { profileFor } from '../../src/versions/profiles';
import type { AuthentikVersion } from '../../src/versions/version-names';
import type { VersionProfile } from '../../src/versions/version-profile';

/** One version as the check reads it: its spec, its operations, and its profile (for the DRF rules). */
export interface VersionView {
  version: AuthentikVersion;
  profile: VersionProfile;
  spec: OpenApiDocument;
  operations: Map<string, Operation>;
  /** The operation a request would reach on this version's server, as its router would pick it. */
  route(method: string, path: string): RouteMatch | undefined;
}

export interface RouteMatch {
  operation: Operation;
  /** The path parameters as the router captured them, e.g. `{event_uuid: "per_month"}`. */
  pathParams: Record<string, string>;
}

export function loadVersion(version: AuthentikVersion): VersionView {
  return versionView(version, loadSpec(findSpecPath(profileFor(version))));
}

/** A version read from a given spec document: loadVersion's work, and a seam for tests that change a spec. */
export function versionView(version: AuthentikVersion, spec: OpenApiDocument): VersionView {
  const operations = new Map(listOperations(spec).map((op) => [op.operationId, op]));
  const routes = [...operations.values()].map((operation) => ({ operation, ...compileTemplate(operation.path) }));
  // Literal segments win over parameters, as DRF's router lists its extra actions before the detail route.
  routes.sort((a, b) => b.literals - a.literals);
  const prefix = spec.servers?.[0]?.url.replace(/\/+$/, '') ?? '';
  return {
    version,
    profile: profileFor(version),
    spec,
    operations,
    route(method, path) {
      const relative = prefix && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
      for (const { operation, pattern, names } of routes) {
        if (operation.method !== method.toUpperCase() && !(method.toUpperCase() === 'HEAD' && operation.method === 'GET')) continue;
        const match = pattern.exec(relative);
        if (match) return { operation, pathParams: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) };
      }
      return undefined;
    },
  };
}

/** A path template as a regular expression; a parameter is DRF's default lookup, `[^/.]+`. */
function compileTemplate(template: string): { pattern: RegExp; names: string[]; literals: number } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/.]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names, literals: template.split('/').filter((s) => s && !s.startsWith('{')).length };
}
