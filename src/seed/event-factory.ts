import type { Faker } from '@faker-js/faker';
import { toJsonbValue } from '../drf/jsonb';
import { toPostgresInet } from '../drf/postgres-inet';
import type { EventActions } from '../openapi/generated/schemas';
import { days, type Micros } from '../python/py-datetime';
import type { EventRecord } from '../store/records';

/** The actions real deployments record most, with how often; any EventActions value may appear. */
const ACTION_WEIGHTS: Array<{ value: EventActions; weight: number }> = [
  { value: 'login', weight: 30 },
  { value: 'authorize_application', weight: 14 },
  { value: 'logout', weight: 10 },
  { value: 'login_failed', weight: 8 },
  { value: 'model_updated', weight: 8 },
  { value: 'model_created', weight: 6 },
  { value: 'model_deleted', weight: 3 },
  { value: 'flow_execution', weight: 4 },
  { value: 'password_set', weight: 3 },
  { value: 'user_write', weight: 3 },
  { value: 'secret_view', weight: 2 },
  { value: 'system_task_execution', weight: 2 },
  { value: 'system_task_exception', weight: 1 },
  { value: 'policy_exception', weight: 1 },
  { value: 'configuration_error', weight: 1 },
  { value: 'update_available', weight: 1 },
  { value: 'suspicious_request', weight: 1 },
  { value: 'email_sent', weight: 1 },
  { value: 'impersonation_started', weight: 1 },
  { value: 'impersonation_ended', weight: 1 },
  { value: 'source_linked', weight: 1 },
  { value: 'invitation_used', weight: 1 },
  { value: 'secret_rotate', weight: 1 },
  { value: 'custom_', weight: 1 },
];

/** The Python module authentik records as `app` for each kind of event. */
const APP_FOR_ACTION: Partial<Record<EventActions, string>> = {
  login: 'authentik.events.signals',
  login_failed: 'authentik.events.signals',
  logout: 'authentik.events.signals',
  authorize_application: 'authentik.providers.oauth2.views.authorize',
  model_created: 'authentik.events.middleware',
  model_updated: 'authentik.events.middleware',
  model_deleted: 'authentik.events.middleware',
  flow_execution: 'authentik.flows.views.executor',
  password_set: 'authentik.core.signals',
  user_write: 'authentik.stages.user_write.stage',
  system_task_execution: 'authentik.events.system_tasks',
  system_task_exception: 'authentik.events.system_tasks',
  update_available: 'authentik.admin.tasks',
  email_sent: 'authentik.stages.email.tasks',
};

const MODELS = [
  { app: 'authentik_core', model_name: 'application', name: () => 'Grafana' },
  { app: 'authentik_core', model_name: 'group', name: () => 'authentik Admins' },
  { app: 'authentik_flows', model_name: 'flow', name: () => 'default-authentication-flow' },
  { app: 'authentik_providers_oauth2', model_name: 'oauth2provider', name: () => 'Provider for Grafana' },
];

// What browsers that sign in to authentik send.
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'goauthentik.io/outpost/2024.8.3',
];

export interface Person {
  pk: number;
  email: string;
  username: string;
}

/** A small cast of users, so that events by the same user can be filtered with `username`. */
export function createPeople(faker: Faker, count: number): Person[] {
  return Array.from({ length: count }, (_, index) => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    return { pk: index + 1, username: faker.internet.username({ firstName: first, lastName: last }).toLowerCase(), email: faker.internet.email({ firstName: first, lastName: last }).toLowerCase() };
  });
}

/** An event as authentik records it: `user` {pk,email,username}, `context.http_request`, the brand dict. */
export function createEvent(faker: Faker, people: readonly Person[], brand: Record<string, unknown>, reference: Micros): EventRecord {
  const action = faker.helpers.weightedArrayElement(ACTION_WEIGHTS);
  const person = faker.helpers.arrayElement(people);
  const created = reference - faker.number.int({ min: 0, max: days(30) });
  const path = action === 'authorize_application' ? '/application/o/authorize/' : '/api/v3/flows/executor/default-authentication-flow/';
  const context: Record<string, unknown> = {
    http_request: {
      path,
      method: action === 'authorize_application' ? 'GET' : 'POST',
      args: action === 'authorize_application' ? { client_id: faker.string.alphanumeric(40), response_type: 'code' } : { query: 'next=%2F' },
      user_agent: faker.helpers.arrayElement(USER_AGENTS),
      request_id: faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
    },
  };
  if (action.startsWith('model_')) {
    const model = faker.helpers.arrayElement(MODELS);
    context.model = { pk: faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }), app: model.app, name: model.name(), model_name: model.model_name };
  }
  if (action === 'login') context.auth_method = faker.helpers.arrayElement(['password', 'auth_webauthn_pwl', 'token']);
  if (action === 'login_failed') Object.assign(context, { stage: { pk: faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }), app: 'authentik_stages_password', name: 'default-authentication-password', model_name: 'passwordstage' }, password: '********************', username: person.username });
  if (action === 'authorize_application') context.authorized_application = { pk: faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }), app: 'authentik_core', name: 'Grafana', model_name: 'application' };
  if (action === 'update_available') context.new_version = '2024.8.6';
  return {
    pk: faker.string.uuid(),
    user: toJsonbValue({ pk: person.pk, email: person.email, username: person.username }),
    action,
    app: APP_FOR_ACTION[action] ?? 'authentik.events.models',
    context: toJsonbValue(context),
    // faker writes IPv6 groups with leading zeros (`0bff`), which Postgres's inet never prints.
    client_ip: faker.datatype.boolean(0.85) ? faker.internet.ipv4() : toPostgresInet(faker.internet.ipv6())!,
    created,
    expires: created + days(365),
    brand: toJsonbValue(brand),
  };
}
