import type { OpenApiDocument } from './spec-document';

const PREFIX = '#/components/schemas/';

/**
 * A copy of `value` with every local schema `$ref` replaced by the schema it names, titled with the
 * component's name, as authentik's generated API docs (the seeds) print operations. Throws on a cycle.
 */
export function inlineRefs(spec: OpenApiDocument, value: unknown, trail: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineRefs(spec, item, trail));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (typeof object.$ref === 'string' && object.$ref.startsWith(PREFIX)) {
    const name = object.$ref.slice(PREFIX.length);
    if (trail.includes(name)) throw new Error(`cyclic $ref: ${[...trail, name].join(' -> ')}`);
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`unresolvable $ref ${object.$ref}`);
    return { ...(inlineRefs(spec, target, [...trail, name]) as object), title: name };
  }
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, inlineRefs(spec, item, trail)]));
}
