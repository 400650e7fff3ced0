import type { OpenApiDocument } from './spec-document';

/**
 * The document rewritten where OpenAPI 3.0 and ajv disagree; the input is not changed, and a schema that
 * needs no rewrite is shared, not copied.
 * - `nullable: true`: ajv reads it only beside a `type`; drf-spectacular also writes it beside a bare
 *   `allOf`/`oneOf` (authentik's `AuthenticatorWebAuthnStage`), which strict ajv rejects. Such a schema
 *   becomes `anyOf: [<the schema without nullable>, {type: null}]`, which accepts the same values.
 * - `oneOf` with a `discriminator` mapping (authentik's `ChallengeTypes`): OpenAPI picks the one branch
 *   the discriminator names; plain `oneOf` demands that exactly one branch match, which fails whenever the
 *   branches admit each other's bodies (they have no `additionalProperties: false`). It becomes "the
 *   property is one of the mapped values, and the body matches the schema that value maps to".
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
  const discriminated = fromDiscriminator(copy);
  if (discriminated) return discriminated;
  if (copy.nullable === true && copy.type === undefined) {
    const { nullable: _nullable, ...rest } = copy;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return changed ? copy : source;
}

function fromDiscriminator(schema: Record<string, unknown>): Record<string, unknown> | undefined {
  const discriminator = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (!Array.isArray(schema.oneOf) || !discriminator?.propertyName || !discriminator.mapping) return undefined;
  const { oneOf: _oneOf, discriminator: _discriminator, ...rest } = schema;
  const property = discriminator.propertyName;
  return {
    ...rest,
    type: 'object',
    required: [property],
    properties: { [property]: { enum: Object.keys(discriminator.mapping) } },
    allOf: Object.entries(discriminator.mapping).map(([value, ref]) => ({
      if: { type: 'object', properties: { [property]: { const: value } } },
      then: { $ref: ref },
    })),
  };
}
