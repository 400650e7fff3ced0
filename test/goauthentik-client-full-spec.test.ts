import {
  AdminApi,
  Configuration,
  CoreApi,
  CryptoApi,
  EventActions,
  EventsApi,
  EventsSystemTasksListStatusEnum,
  FlowsApi,
  ManagedApi,
  OutpostsApi,
  PoliciesApi,
  PropertymappingsApi,
  ProvidersApi,
  RbacApi,
  ResponseError,
  RootApi,
  SourcesApi,
  StagesApi,
  type ApiResponse,
} from '@goauthentik/api';
import { startMock, type RunningMock } from '../contract-tests/launch-mock';
import { FULL_SCHEMA, fullSchema } from './helpers/full-spec';

// authentik's published client (2024.8.3) against the built server with authentik's whole schema: each
// answer is parsed by the client and, independently, checked here against that schema.
let mock: RunningMock;
let config: Configuration;

beforeAll(async () => {
  mock = await startMock(['--full-spec', FULL_SCHEMA, '--tokens', 'frontend-token']);
  config = new Configuration({ basePath: mock.baseUrl, accessToken: 'frontend-token' });
});
afterAll(() => mock.stop());

/** Calls a client's *Raw method, checks the JSON against the full schema, and returns what the client parsed. */
async function schemaValid<T>(operationId: string, call: () => Promise<ApiResponse<T>>): Promise<T> {
  const response = await call();
  const body: unknown = await response.raw.clone().json();
  expect({ operationId, check: fullSchema().contract.checkResponse(operationId, response.raw.status, body) }).toEqual({ operationId, check: { ok: true } });
  return response.value();
}

describe('@goauthentik/api against the mock with the full 2024.8.6 schema', () => {
  it('gets schema-valid answers from coreUsersMeRetrieve and adminVersionRetrieve', async () => {
    const me = await schemaValid('core_users_me_retrieve', () => new CoreApi(config).coreUsersMeRetrieveRaw());
    expect(typeof me.user.username).toBe('string');
    expect(Array.isArray(me.user.groups)).toBe(true);
    const version = await schemaValid('admin_version_retrieve', () => new AdminApi(config).adminVersionRetrieveRaw());
    expect(typeof version.versionCurrent).toBe('string');
    expect(typeof version.outdated).toBe('boolean');
  });

  it('gets schema-valid answers from a sample of operations across tags', async () => {
    const sample: Array<[string, () => Promise<ApiResponse<unknown>>]> = [
      ['root_config_retrieve', () => new RootApi(config).rootConfigRetrieveRaw()],
      ['core_brands_current_retrieve', () => new CoreApi(config).coreBrandsCurrentRetrieveRaw()],
      ['core_applications_list', () => new CoreApi(config).coreApplicationsListRaw({})],
      ['flows_instances_list', () => new FlowsApi(config).flowsInstancesListRaw({ pageSize: 5 })],
      ['providers_oauth2_list', () => new ProvidersApi(config).providersOauth2ListRaw({})],
      ['stages_all_list', () => new StagesApi(config).stagesAllListRaw({})],
      ['policies_all_list', () => new PoliciesApi(config).policiesAllListRaw({})],
      ['sources_all_list', () => new SourcesApi(config).sourcesAllListRaw({})],
      ['rbac_roles_list', () => new RbacApi(config).rbacRolesListRaw({})],
      ['crypto_certificatekeypairs_list', () => new CryptoApi(config).cryptoCertificatekeypairsListRaw({})],
      ['outposts_instances_list', () => new OutpostsApi(config).outpostsInstancesListRaw({})],
      ['propertymappings_all_list', () => new PropertymappingsApi(config).propertymappingsAllListRaw({})],
      ['managed_blueprints_list', () => new ManagedApi(config).managedBlueprintsListRaw({})],
    ];
    for (const [operationId, call] of sample) await schemaValid(operationId, call);
    const group = await schemaValid('core_groups_create', () => new CoreApi(config).coreGroupsCreateRaw({ groupRequest: { name: 'offline' } }));
    expect(typeof group.pk).toBe('string');
  });

  it('keeps events stateful: created, listed, destroyed, then gone', async () => {
    const events = new EventsApi(config);
    const app = `full-spec-client-${Date.now()}`;
    const created = await schemaValid('events_events_create', () => events.eventsEventsCreateRaw({ eventRequest: { action: EventActions.ConfigurationError, app } }));
    const listed = await schemaValid('events_events_list', () => events.eventsEventsListRaw({ search: app }));
    expect(listed.results.map((event) => event.pk)).toEqual([created.pk]);

    await events.eventsEventsDestroy({ eventUuid: created.pk });
    expect((await events.eventsEventsList({ search: app })).results).toEqual([]);
    const gone = await events.eventsEventsRetrieve({ eventUuid: created.pk }).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(ResponseError);
    expect((gone as ResponseError).response.status).toBe(404);
  });

  it('runs a system task through eventsSystemTasksRunCreate', async () => {
    const events = new EventsApi(config);
    const [task] = (await events.eventsSystemTasksList({ status: EventsSystemTasksListStatusEnum.Error, pageSize: 1 })).results;
    await events.eventsSystemTasksRunCreate({ uuid: task!.uuid });
    const after = await schemaValid('events_system_tasks_retrieve', () => events.eventsSystemTasksRetrieveRaw({ uuid: task!.uuid }));
    expect(after.status).toBe('successful');
    expect(after.expiring).toBe(true);
    expect(after.finishTimestamp.getTime()).toBeGreaterThan(task!.finishTimestamp.getTime());
  });
});
