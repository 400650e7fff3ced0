import type { OpenApiDocument, SchemaObject } from '../openapi/spec-document';

const PREFIX = '#/components/schemas/';

/**
 * The document Prism mocks from, with each discriminator's values written into the schemas they name.
 * authentik's `ChallengeTypes` is a `oneOf` whose `component` property picks the branch, but each branch
 * types `component` as any string. Prism's faker fills it with random text, which no branch's mapping
 * names, so the body breaks the schema. With `component: {enum: ['ak-stage-password']}` on
 * PasswordChallenge, the faker writes the value the mapping expects. OpenAPI means exactly that, so
 * request validation is unchanged for any body the schema admits. Returns a new document.
 */
export function pinDiscriminators(spec: OpenApiDocument): OpenApiDocument {
  const pinned = structuredClone(spec);
  const schemas = pinned.components.schemas;
  const valuesBySchema = new Map<string, { property: string; values: string[] }>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const discriminator = (value as SchemaObject).discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
    for (const [mapped, ref] of Object.entries(discriminator?.mapping ?? {})) {
      if (!discriminator?.propertyName || !ref.startsWith(PREFIX)) continue;
      const name = ref.slice(PREFIX.length);
      const entry = valuesBySchema.get(name) ?? { property: discriminator.propertyName, values: [] };
      if (!entry.values.includes(mapped)) entry.values.push(mapped);
      valuesBySchema.set(name, entry);
    }
    Object.values(value).forEach(visit);
  };
  visit(pinned);
  for (const [name, { property, values }] of valuesBySchema) {
    const properties = schemas[name]?.properties as Record<string, SchemaObject> | undefined;
    if (properties?.[property]) properties[property] = { ...properties[property], enum: values };
  }
  return pinned;
}
