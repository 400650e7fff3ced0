import type { OpenApiDocument, SchemaObject } from './spec-document';
import { resolveSchema } from './operations';

/**
 * A response schema split for speed: an envelope (e.g. PaginatedSystemTaskList with `results` reduced to
 * "an array") and, for each array of `$ref` items, the item schema. Items are immutable objects (see
 * Collection), so an item found valid once is not validated again; the verdict is the same as validating
 * the whole body, because the envelope puts no other constraint on those arrays.
 */
export interface SplitSchema {
  envelope: SchemaObject;
  arrays: Array<{ property: string; itemRef: string }>;
}

export function splitSchema(spec: OpenApiDocument, schema: SchemaObject): SplitSchema | undefined {
  const resolved = resolveSchema(spec, schema);
  const properties = resolved.properties as Record<string, SchemaObject> | undefined;
  if (resolved.type !== 'object' || !properties) return undefined;
  const arrays = Object.entries(properties)
    .filter(([, p]) => p.type === 'array' && Object.keys(p).every((k) => k === 'type' || k === 'items') && typeof (p.items as SchemaObject | undefined)?.$ref === 'string')
    .map(([property, p]) => ({ property, itemRef: (p.items as SchemaObject).$ref as string }));
  if (arrays.length === 0) return undefined;
  const envelopeProperties = { ...properties };
  for (const { property } of arrays) envelopeProperties[property] = { type: 'array' };
  return { envelope: { ...resolved, properties: envelopeProperties }, arrays };
}
