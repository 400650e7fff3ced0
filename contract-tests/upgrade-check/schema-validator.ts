import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../../src/openapi/contract';
import { toAjvDialect } from '../../src/openapi/ajv-dialect';
import { SPEC_ID } from '../../src/openapi/contract-plan';
import type { OpenApiDocument, SchemaObject } from '../../src/openapi/spec-document';

/** Validates values against any schema of one spec, with the project's one ajv configuration (createAjv). */
export type SchemaValidator = (schema: SchemaObject, value: unknown) => ErrorObject[];

export function createSchemaValidator(spec: OpenApiDocument): SchemaValidator {
  const ajv = createAjv();
  const dialect = toAjvDialect(spec);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: dialect.components.schemas } });
  const compiled = new Map<string, ValidateFunction>();
  return (schema, value) => {
    // A schema written inline in an operation (a parameter's) refers to components by local pointers; they
    // are made to point into the registered document, since the inline schema is compiled on its own.
    const text = JSON.stringify(toAjvDialect({ components: { schemas: { s: schema } } } as unknown as OpenApiDocument).components.schemas.s).replaceAll('"#/components/', `"${SPEC_ID}#/components/`);
    let validate = compiled.get(text);
    if (!validate) {
      validate = ajv.compile(JSON.parse(text) as object);
      compiled.set(text, validate);
    }
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
}
