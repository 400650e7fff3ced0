import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'js-yaml';

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

/** The spec/ folder, whether this runs from `src/` (jest) or from `dist/src/` (npm start). */
export const SPEC_DIR = [join(__dirname, '..', '..', 'spec'), join(__dirname, '..', '..', '..', 'spec')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', '..', 'spec');

/** spec/authentik-events.yaml: authentik's operations. */
export function findSpecPath(): string {
  return join(SPEC_DIR, 'authentik-events.yaml');
}

/** spec/mock-admin.yaml: the mock's own admin API. */
export function findAdminSpecPath(): string {
  return join(SPEC_DIR, 'mock-admin.yaml');
}

/**
 * The admin document merged into authentik's, for one contract: its references to
 * `./authentik-events.yaml#/…` become local, its paths and schemas are added. Names must not clash.
 */
export function mergeAdminSpec(spec: OpenApiDocument, admin: OpenApiDocument): OpenApiDocument {
  const localised = JSON.parse(JSON.stringify(admin).replaceAll('"./authentik-events.yaml#/', '"#/')) as OpenApiDocument;
  for (const name of Object.keys(localised.components.schemas)) {
    if (spec.components.schemas[name]) throw new SpecError(`${findAdminSpecPath()}: #/components/schemas/${name}: clashes with authentik's schema of that name`);
  }
  return {
    ...spec,
    paths: { ...spec.paths, ...localised.paths },
    components: { ...spec.components, schemas: { ...spec.components.schemas, ...localised.components.schemas } },
  };
}

export class SpecError extends Error {}

/** Reads and parses an OpenAPI document; throws SpecError naming the file when it is unreadable. */
export function loadSpec(path = findSpecPath()): OpenApiDocument {
  let document: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    // JSON is YAML too, but JSON.parse reads it several times faster. The core schema reads YAML 1.2's
    // types only (no dates), as drf-spectacular writes them.
    document = path.endsWith('.json') ? JSON.parse(text) : YAML.load(text, { schema: YAML.CORE_SCHEMA });
  } catch (error) {
    throw new SpecError(`${path}: cannot read the OpenAPI document: ${(error as Error).message}`);
  }
  const doc = document as Partial<OpenApiDocument> | null;
  if (!doc || typeof doc !== 'object' || !doc.paths || !doc.components?.schemas) {
    throw new SpecError(`${path}: not an OpenAPI 3 document (paths and components.schemas are required)`);
  }
  return doc as OpenApiDocument;
}
