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
  const localised = JSON.parse(JSON.stringify(admin).replaceAll('"./authentik-events.yaml#/', '"#/')) as OpenApiDocument;
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

