import { appWith, as, event, EVENTS, NOT_A_DICT, NOW } from './helpers';

// authentik-2025.8-behaviour.md, "Events": ModelSerializer maps every model JSONField to JSONDictField, whose
// validator refuses anything but an object; null is still the field's own null message.
describe('2025.8 events: user, context and brand accept only JSON objects', () => {
  const existing = event('login', NOW - 1000, { context: { keep: 1 } });
  const setup = () => appWith([existing]);
  const send = (test: ReturnType<ReturnType<typeof appWith>['http']['post']>, body: string) => test.set(as('admin')).set('Content-Type', 'application/json').send(body);

  it.each([
    ['a list', '[]'],
    ['a list of objects', '[{"a":1}]'],
    ['a string', '"text"'],
    ['an empty string', '""'],
    ['a number', '1'],
    ['a float', '1.5'],
    ['true', 'true'],
    ['false', 'false'],
  ])('POST: context as %s is a 400 with the JSONDictField message, nothing stored', async (_what, value) => {
    const { http, store } = setup();
    const before = store.events.size;
    const res = await send(http.post(EVENTS), `{"action":"login","app":"x","context":${value}}`);
    expect([res.status, res.text]).toEqual([400, `{"context":["${NOT_A_DICT}"]}`]);
    expect(store.events.size).toBe(before);
  });

  it('null is still "This field may not be null."; every failing field at once, in the serializer\'s field order', async () => {
    const { http, store } = setup();
    const res = await send(http.post(EVENTS), '{"brand":1.5,"context":null,"user":true,"app":"","action":"bad","client_ip":"zz","expires":"x"}');
    expect(res.status).toBe(400);
    // Measured on the 2025.8 oracle, byte for byte.
    expect(res.text).toBe(
      '{"user":["Value must be a dictionary, and not have any duplicate keys."],"action":["\\"bad\\" is not a valid choice."],"app":["This field may not be blank."],"context":["This field may not be null."],"client_ip":["Enter a valid IPv4 or IPv6 address."],"expires":["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],"brand":["Value must be a dictionary, and not have any duplicate keys."]}',
    );
    expect(store.events.size).toBe(1);
  });

  it('required fields and JSONDictField errors together', async () => {
    const { http } = setup();
    const res = await send(http.post(EVENTS), '{"user":null,"context":[1]}');
    expect([res.status, res.text]).toEqual([400, `{"user":["This field may not be null."],"action":["This field is required."],"app":["This field is required."],"context":["${NOT_A_DICT}"]}`]);
  });

  it('PUT and PATCH apply the same rule and leave the row untouched', async () => {
    const { http, store } = setup();
    const url = `${EVENTS}${existing.pk}/`;
    const patch = await send(http.patch(url), '{"context":[],"user":5}');
    expect([patch.status, patch.text]).toEqual([400, `{"user":["${NOT_A_DICT}"],"context":["${NOT_A_DICT}"]}`]);
    const put = await send(http.put(url), '{"action":"logout","app":"y","brand":"b"}');
    expect([put.status, put.text]).toEqual([400, `{"brand":["${NOT_A_DICT}"]}`]);
    expect(store.events.get(existing.pk)).toEqual(existing);
  });

  it('objects are accepted, nested values of any kind included', async () => {
    const { http } = setup();
    const res = await send(http.post(EVENTS), '{"action":"login","app":"x","context":{"list":[1,"a",null],"n":1.0},"user":{},"brand":{"name":"b"}}');
    expect(res.status).toBe(201);
    expect(res.text).toContain('"context":{"list":[1,"a",null],"n":1.0}');
  });

  // The message speaks of duplicate keys, but the validator only checks isinstance(value, dict): orjson has
  // already kept the last value of a repeated key (in the first key's place), so such a body is accepted.
  // Checked on the 2025.8 oracle: 200 with the same body as below.
  it('a JSON object with duplicate keys is accepted: the last value wins, in the place of the first', async () => {
    const { http, store } = setup();
    const res = await send(http.patch(`${EVENTS}${existing.pk}/`), '{"context":{"b":1,"a":2,"b":3,"username":"ctx-user"},"user":{"username":"x","username":"y"}}');
    expect(res.status).toBe(200);
    expect(res.text).toContain('"user":{"username":"y"}');
    expect(res.text).toContain('"context":{"b":3,"a":2,"username":"ctx-user"}');
    expect(store.events.get(existing.pk)!.context).toEqual({ a: 2, b: 3, username: 'ctx-user' });
  });
});

describe('2025.8 OPTIONS: a JSONDictField is a plain `field` to DRF\'s metadata (checked on the oracle)', () => {
  it('user, context and brand in the POST and PUT actions', async () => {
    const existing = event('login', NOW - 1000);
    const { http } = appWith([existing]);
    for (const url of [EVENTS, `${EVENTS}${existing.pk}/`]) {
      const res = await http.options(url).set(as('admin'));
      const fields = (res.body.actions.POST ?? res.body.actions.PUT) as Record<string, unknown>;
      expect([fields.user, fields.context, fields.brand]).toEqual([
        { type: 'field', required: false, read_only: false, label: 'User' },
        { type: 'field', required: false, read_only: false, label: 'Context' },
        { type: 'field', required: false, read_only: false, label: 'Brand' },
      ]);
    }
  });
});
