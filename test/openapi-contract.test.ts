import { toAjvDialect } from '../src/openapi/ajv-dialect';
import { createContract } from '../src/openapi/contract';
import { fullSchema } from './helpers/full-spec';
import { SpecError } from '../src/openapi/spec-document';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadSpec } from '../src/node/spec-files';

describe('createContract', () => {
  it('names the component schema ajv rejects, and the rule', () => {
    const spec = loadSpec();
    const broken = structuredClone(spec);
    broken.components.schemas.Event = { ...broken.components.schemas.Event, type: 'objekt' };
    expect(() => createContract(broken)).toThrow('#/components/schemas/Event: type must be JSONType or JSONType[]: objekt');
  });

  it('checks undocumented statuses against GenericError and documented ones against their schema', () => {
    const contract = createContract(loadSpec());
    expect(contract.checkResponse('events_events_retrieve', 404, { detail: 'Not found.' })).toEqual({ ok: true });
    expect(contract.checkResponse('events_events_retrieve', 404, { message: 'x' })).toEqual({
      ok: false, status: '404 (undocumented, checked as GenericError)', path: '/', message: "must have required property 'detail'",
    });
    expect(contract.checkResponse('events_events_destroy', 204, undefined)).toEqual({ ok: true });
    expect(contract.checkResponse('events_events_destroy', 204, {})).toMatchObject({ ok: false, message: 'must have no body' });
    expect(contract.checkResponse('events_system_tasks_list', 400, { status: ['x'] })).toEqual({ ok: true });
  });

  it('refuses a body on a status documented without content, even the one authentik sends there (decision 013)', () => {
    const contract = createContract(loadSpec());
    expect(contract.checkResponse('events_system_tasks_run_create', 404, undefined)).toEqual({ ok: true });
    expect(contract.checkResponse('events_system_tasks_run_create', 404, { detail: 'Not found.' })).toEqual({ ok: false, status: '404', path: '/', message: 'must have no body' });
    expect(contract.checkResponse('events_system_tasks_run_create', 204, { detail: 'x' })).toMatchObject({ ok: false, message: 'must have no body' });
  });
});

describe('createContract with authentik\'s full 2024.8.6 schema', () => {
  const full = fullSchema().spec;

  it('compiles every validator in strict ajv, once nullable and discriminators are rewritten', () => {
    expect(() => createContract(full)).not.toThrow();
  });

  it('reports a schema it cannot compile on the response that needs it when lazy, and throws when eager', () => {
    const broken = structuredClone(full);
    broken.components.schemas.Version = { ...broken.components.schemas.Version, type: 'objekt' };
    const lazy = createContract(broken, { lazy: true });
    expect(lazy.checkResponse('admin_version_retrieve', 200, {})).toMatchObject({ ok: false, status: '200', message: expect.stringMatching(/^the schema cannot be compiled: /) });
    expect(lazy.checkResponse('core_users_me_retrieve', 403, { detail: 'x' })).toEqual({ ok: true });
    expect(() => createContract(broken)).toThrow('#/components/schemas/Version: type must be JSONType or JSONType[]: objekt');
  });

  it('picks the oneOf branch a discriminator names (ChallengeTypes)', () => {
    const contract = createContract(full, { lazy: true });
    const accessDenied = { component: 'ak-stage-access-denied', flow_info: { title: 't', cancel_url: '/', layout: 'stacked' }, pending_user: 'u', pending_user_avatar: 'a', error_message: 'no' };
    // This body also satisfies other branches, so a plain oneOf rejects it.
    expect(contract.checkResponse('flows_executor_get', 200, accessDenied)).toEqual({ ok: true });
    // The same body named as an Apple login challenge must have that branch's fields.
    expect(contract.checkResponse('flows_executor_get', 200, { ...accessDenied, component: 'ak-source-oauth-apple' })).toMatchObject({ ok: false, path: '/', message: "must have required property 'client_id'" });
    expect(contract.checkResponse('flows_executor_get', 200, { ...accessDenied, component: 'ak-stage-nope' })).toMatchObject({ ok: false, path: '/component', message: expect.stringMatching(/^must be equal to one of the allowed values/) });
  });
});

describe('toAjvDialect', () => {
  it('turns nullable beside a bare allOf into anyOf with null, and leaves typed nullable alone', () => {
    const typed = { type: 'string', nullable: true };
    const spec = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { allOf: [{ $ref: '#/components/schemas/B' }], nullable: true }, B: { type: 'string' }, C: typed } } };
    const rewritten = toAjvDialect(spec);
    expect(rewritten.components.schemas.A).toEqual({ anyOf: [{ allOf: [{ $ref: '#/components/schemas/B' }] }, { type: 'null' }] });
    expect(rewritten.components.schemas.C).toBe(typed);
    expect(spec.components.schemas.A).toEqual({ allOf: [{ $ref: '#/components/schemas/B' }], nullable: true });
  });
});

describe('loadSpec', () => {
  it('fails with the file name when the document is not OpenAPI', () => {
    const path = join(tmpdir(), 'not-openapi.yaml');
    writeFileSync(path, 'hello: world\n');
    expect(() => loadSpec(path)).toThrow(new SpecError(`${path}: not an OpenAPI 3 document (paths and components.schemas are required)`));
  });
});
