import { createContract } from '../src/openapi/contract';
import { loadSpec, SpecError } from '../src/openapi/load-spec';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

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
});

describe('loadSpec', () => {
  it('fails with the file name when the document is not OpenAPI', () => {
    const path = join(tmpdir(), 'not-openapi.yaml');
    writeFileSync(path, 'hello: world\n');
    expect(() => loadSpec(path)).toThrow(new SpecError(`${path}: not an OpenAPI 3 document (paths and components.schemas are required)`));
  });
});
