import { createBundledSpec } from './bundled-spec';
import { createContractFromValidators, type Contract, type ValidatorSource } from './contract-from-validators';
import { planContract } from './contract-plan';
import { RESPONSE_VALIDATORS } from './generated/response-validators';
import type { OmittedFields } from './spec-document';

/**
 * A version's bundled spec as a contract on validators ajv compiled at build time (scripts/msw-build): the
 * same checks as createContract, with no ajv compiler and no `new Function` at run time, so that it runs in a
 * browser under a strict Content-Security-Policy. All of them were compiled at build time, so a bad schema
 * fails the build.
 */
export function createBundledContract(specFile: string, omitted: readonly OmittedFields[]): Contract {
  const spec = createBundledSpec(specFile, omitted);
  const validators = RESPONSE_VALIDATORS[specFile];
  const validatorAt: ValidatorSource = (pointer) => {
    const validate = validators?.[pointer];
    if (!validate) throw new Error(`${specFile}: ${pointer} has no standalone validator: run npm run build:msw`);
    return validate;
  };
  return createContractFromValidators(spec, planContract(spec), validatorAt);
}
