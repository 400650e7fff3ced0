import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './spec-document';
import { planContract, SPEC_ID } from './contract-plan';
import { createContractFromValidators, type Contract, type ValidatorSource } from './contract-from-validators';

export type { Contract, ContractCheck } from './contract-from-validators';
export { describeAjvError } from './describe-ajv-error';

/**
 * The one ajv configuration of the project: response validation at run time, and the standalone
 * validators the browser bundle gets at build time (`code`), so that both read the spec alike.
 */
export function createAjv(code?: Options['code']): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, code });
  addFormats(ajv);
  // OpenAPI's numeric formats carry no constraint that JSON Schema can check.
  for (const format of ['double', 'float', 'int32', 'int64']) ajv.addFormat(format, true);
  // The containers of the registered document and OpenAPI's annotations, so strict mode takes the spec as it is.
  ajv.addVocabulary(['components', 'schemas', 'inline', 'example', 'externalDocs', 'xml', 'discriminator']);
  return ajv;
}

export interface ContractOptions {
  /**
   * Compile each validator on first use instead of all at start-up. authentik's full schema has 875
   * operations; compiling them all costs about a second and most are never called. Our own spec is
   * compiled eagerly, so that a schema ajv rejects stops start-up rather than a request.
   */
  lazy?: boolean;
}

/**
 * The spec compiled by ajv at run time, for the Node hosts (the browser takes validators compiled at build
 * time instead: see bundled-contract.ts). Eager by default, so that a bad schema stops start-up.
 */
export function createContract(spec: OpenApiDocument, { lazy = false }: ContractOptions = {}): Contract {
  const plan = planContract(spec);
  const ajv = createAjv();
  // One document holds every schema, so that `#/components/schemas/X` resolves wherever it appears.
  ajv.addSchema(plan.document);
  const validatorAt: ValidatorSource = (pointer) => {
    const validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
    if (!validate) throw new Error(`${pointer} does not resolve in the spec`);
    return validate;
  };
  return createContractFromValidators(spec, plan, validatorAt, { lazy, explainFailure: (error) => throwWithSchemaPath(plan.dialect, error) });
}

/**
 * Names the component schema ajv rejects by its JSON path (`#/components/schemas/Event: type must be…`),
 * compiling each on its own; only runs once compilation has already failed.
 */
function throwWithSchemaPath(spec: OpenApiDocument, original: Error): never {
  const ajv = createAjv();
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });
  for (const name of Object.keys(spec.components.schemas)) {
    try {
      ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
    } catch (error) {
      throw new Error(`#/components/schemas/${name}: ${(error as Error).message}`);
    }
  }
  throw original;
}
