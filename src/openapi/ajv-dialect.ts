import type { OpenApiDocument } from './load-spec';

/**
 * The document rewritten where OpenAPI 3.0 and ajv disagree. ajv reads `nullable: true` only beside a
 * `type`; drf-spectacular also writes it beside `allOf`/`oneOf` alone (authentik's full schema does, e.g.
 * `AuthenticatorWebAuthnStage`), which strict ajv rejects. Such a schema becomes
 * `anyOf: [<the schema without nullable>, {type: null}]`, which accepts the same values. The input is not
 * changed; a schema that needs no rewrite is shared, not copied.
 */
export function toAjvDialect(spec: OpenApiDocument): OpenApiDocument {
  return rewrite(spec) as OpenApiDocument;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(rewrite);
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    copy[key] = rewrite(child);
    if (copy[key] !== child) changed = true;
  }
  if (copy.nullable === true && copy.type === undefined) {
    const { nullable: _nullable, ...rest } = copy;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return changed ? copy : source;
}
