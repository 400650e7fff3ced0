/** The parts of an OpenAPI 3.0 document this project reads. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components: { schemas: Record<string, SchemaObject>; securitySchemes?: Record<string, unknown> };
  servers?: Array<{ url: string }>;
}

export interface OperationObject {
  operationId: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema: SchemaObject }>; required?: boolean };
  responses: Record<string, { description: string; content?: Record<string, { schema: SchemaObject }> }>;
  security?: Array<Record<string, string[]>>;
  tags?: string[];
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema: SchemaObject;
}

/** A JSON Schema object as OpenAPI 3.0 writes it; open-ended, read through the helpers that need it. */
export type SchemaObject = { $ref?: string; [keyword: string]: unknown };

/**
 * The admin document merged into authentik's, for one contract: its references to
 * `./authentik-events.yaml#/…` become local, its paths and schemas are added. Names must not clash.
 */
export function mergeAdminSpec(spec: OpenApiDocument, admin: OpenApiDocument, adminSource = 'spec/mock-admin.yaml'): OpenApiDocument {
  const localised = forVersion(JSON.parse(JSON.stringify(admin).replaceAll('"./authentik-events.yaml#/', '"#/')) as OpenApiDocument, spec);
  for (const name of Object.keys(localised.components.schemas)) {
    if (spec.components.schemas[name]) throw new SpecError(`${adminSource}: #/components/schemas/${name}: clashes with authentik's schema of that name`);
  }
  return {
    ...spec,
    paths: { ...spec.paths, ...localised.paths },
    components: { ...spec.components, schemas: { ...spec.components.schemas, ...localised.components.schemas } },
  };
}

export class SpecError extends Error {}

const SCHEMA_REF = '#/components/schemas/';

/**
 * The admin document for one authentik version: an operation or property marked `x-authentik-schema: Name`
 * is left out when the version's spec has no schema `Name` (a property leaves `required` too); then every
 * admin schema, property and operation that refers to a schema that is not there goes, until none does.
 * So the 2024.8 admin API has system tasks and no schedules, and 2025.8's the reverse, from one file.
 */
function forVersion(admin: OpenApiDocument, spec: OpenApiDocument): OpenApiDocument {
  const schemas: Record<string, SchemaObject> = { ...admin.components.schemas };
  const has = (name: string) => Object.hasOwn(spec.components.schemas, name) || Object.hasOwn(schemas, name);
  const backed = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object') return true;
    const marked = (node as Record<string, unknown>)['x-authentik-schema'];
    if (typeof marked === 'string' && !Object.hasOwn(spec.components.schemas, marked)) return false;
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF) && !has(ref.slice(SCHEMA_REF.length))) return false;
    return Object.values(node).every(backed);
  };
  /** A schema without its unbacked properties, or undefined when a required one had to go. */
  const prune = (schema: SchemaObject): SchemaObject | undefined => {
    const properties = schema.properties as Record<string, SchemaObject> | undefined;
    if (!properties) return backed(schema) ? schema : undefined;
    const kept = Object.fromEntries(Object.entries(properties).filter(([, property]) => backed(property)));
    const marked = (name: string) => typeof properties[name]?.['x-authentik-schema'] === 'string';
    const required = ((schema.required as string[] | undefined) ?? []).filter((name) => Object.hasOwn(kept, name) || !marked(name));
    if (required.some((name) => !Object.hasOwn(kept, name))) return undefined;
    if (Object.keys(kept).length === Object.keys(properties).length) return backed({ ...schema, properties: {} }) ? schema : undefined;
    const rest = { ...schema, properties: kept, ...(schema.required ? { required } : {}) };
    return backed({ ...rest, properties: {} }) ? rest : undefined;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, schema] of Object.entries(schemas)) {
      const pruned = prune(schema);
      if (pruned === undefined) delete schemas[name];
      if (pruned !== schema) changed = true;
      if (pruned !== undefined) schemas[name] = pruned;
    }
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const [path, item] of Object.entries(admin.paths)) {
    const operations = Object.fromEntries(Object.entries(item).filter(([, operation]) => backed(operation)));
    if (Object.keys(operations).length > 0) paths[path] = operations;
  }
  // The markers have done their work; ajv's strict mode would refuse them as unknown keywords.
  return withoutMarkers({ ...admin, paths, components: { ...admin.components, schemas } }) as OpenApiDocument;
}

function withoutMarkers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutMarkers);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'x-authentik-schema').map(([key, value]) => [key, withoutMarkers(value)]));
}


/** A schema break of authentik's own: fields its schema marks required that its server leaves out. */
export interface OmittedFields {
  schema: string;
  fields: readonly string[];
  /** Why, with the source: what the mock's validation is told and a reader is shown. */
  why: string;
}

/**
 * The spec as authentik's server really answers: the named fields are no longer required in their schemas.
 * The mock validates its answers against this, so that reproducing authentik's omission is not a violation;
 * the contract suite still checks any server against authentik's own text and baselines the break.
 */
export function asServed(spec: OpenApiDocument, omitted: readonly OmittedFields[]): OpenApiDocument {
  if (omitted.length === 0) return spec;
  const schemas = { ...spec.components.schemas };
  for (const { schema, fields } of omitted) {
    const found = schemas[schema];
    if (!found) throw new SpecError(`#/components/schemas/${schema}: not in the spec, but the version profile says authentik leaves out its ${fields.join(', ')}`);
    schemas[schema] = { ...found, required: ((found.required as string[] | undefined) ?? []).filter((name) => !fields.includes(name)) };
  }
  return { ...spec, components: { ...spec.components, schemas } };
}
