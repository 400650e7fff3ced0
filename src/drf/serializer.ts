import { ApiError, validationError } from './api-error';
import type { OpenApiDocument, SchemaObject } from '../openapi/spec-document';
import { resolveSchema } from '../openapi/operations';
import { readDjangoDatetime } from '../python/py-datetime';
import { normaliseIpAddress } from '../python/py-ip';
import { PyNumber, type PyObject, type PyValue } from '../python/py-json';
import { pyStr, pyTypeName } from '../python/py-repr';
import { pyStrip } from '../python/py-strip';
import { toJsonFieldValue } from './json-field';

/**
 * The DRF field class behind a request property; which one follows from the spec's schema for it. `json` is
 * DRF's JSONField (schema `{}`, authentik 2024.8); `json-dict` authentik's JSONDictField (schema `type: object,
 * additionalProperties: {}`, 2025.8), a JSONField whose validator refuses anything but an object.
 */
export type FieldKind = 'json' | 'json-dict' | 'choice' | 'char' | 'datetime' | 'ip';

export interface FieldRule {
  name: string;
  kind: FieldKind;
  required: boolean;
  allowNull: boolean;
  allowBlank: boolean;
  choices: readonly string[];
}

/** A validated value: JSON with Python-kind numbers for `json` (`toJsonFieldValue`), a string for `choice`/`char`/`ip`, microseconds for `datetime`. */
export type FieldValue = unknown;

const MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  notString: 'Not a valid string.',
  invalidIp: 'Enter a valid IPv4 or IPv6 address.',
  nullCharacters: 'Null characters are not allowed.',
  datetime: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  datetimeOverflow: 'Datetime value out of range.',
  invalidChoice: (input: string) => `"${input}" is not a valid choice.`,
  surrogate: (code: number) => `Surrogate characters are not allowed: U+${code.toString(16).toUpperCase()}.`,
  notADict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`,
  noData: 'No data provided',
  // authentik's is_dict validator (core/api/utils.py): it checks only that the value is a dict. orjson keeps
  // the last of duplicate keys, so a body with them reaches the validator as a dict and passes.
  notADictionary: 'Value must be a dictionary, and not have any duplicate keys.',
};

/**
 * The DRF serializer fields of a request body, read from its schema in the spec: `{}` is a JSONField, a
 * `$ref` to an enum a ChoiceField, `format: date-time` a DateTimeField, other strings CharFields (blank
 * allowed unless `minLength: 1`, null only if `nullable`). `kindOverrides` names what the schema cannot say
 * (authentik's `client_ip` is a GenericIPAddressField, typed only as a string). Throws at start-up on a
 * schema it cannot map, so that a spec change fails loudly.
 */
export function fieldRulesFromSchema(spec: OpenApiDocument, schemaOrRef: SchemaObject, kindOverrides: Record<string, FieldKind> = {}): FieldRule[] {
  const schema = resolveSchema(spec, schemaOrRef);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>).map(([name, propertyOrRef]) => {
    const property = resolveSchema(spec, propertyOrRef);
    const kind = kindOverrides[name] ?? kindOf(name, property);
    return {
      name,
      kind,
      required: required.has(name),
      allowNull: property.nullable === true,
      allowBlank: !(typeof property.minLength === 'number' && property.minLength >= 1),
      choices: (property.enum as string[] | undefined) ?? [],
    };
  });
}

function kindOf(name: string, schema: SchemaObject): FieldKind {
  if (Object.keys(schema).length === 0) return 'json';
  if (isFreeObject(schema)) return 'json-dict';
  if (Array.isArray(schema.enum)) return 'choice';
  if (schema.type === 'string' && schema.format === 'date-time') return 'datetime';
  if (schema.type === 'string') return 'char';
  throw new Error(`request field ${name}: no DRF field is known for schema ${JSON.stringify(schema)}`);
}

/**
 * `{type: object, additionalProperties: {}}` and nothing else: drf-spectacular's schema of authentik's
 * JSONDictField (2025.8). A DictField of JSON values would read the same; no request serializer here has one.
 */
export function isFreeObject(schema: SchemaObject): boolean {
  const extra = schema.additionalProperties as SchemaObject | undefined;
  return schema.type === 'object' && extra !== undefined && typeof extra === 'object' && Object.keys(extra).length === 0 && Object.keys(schema).every((key) => key === 'type' || key === 'additionalProperties');
}

/**
 * Runs DRF's serializer validation over a parsed body: every failing field at once, in field order, with
 * DRF's messages. Keys the rules do not name (unknown or read-only ones such as `pk`) are ignored.
 * An empty body (undefined) is `{}`. `partial` is PATCH: nothing is required.
 */
export function validateBody(rules: readonly FieldRule[], body: PyValue | undefined, partial: boolean): Map<string, FieldValue> {
  if (body === null) throw new ApiError(400, { non_field_errors: [MESSAGES.noData] });
  const data: PyObject = body === undefined ? new Map() : asObject(body);
  const values = new Map<string, FieldValue>();
  const errors: Record<string, string[]> = {};
  for (const rule of rules) {
    if (!data.has(rule.name)) {
      if (rule.required && !partial) errors[rule.name] = [MESSAGES.required];
      continue;
    }
    const result = runField(rule, data.get(rule.name)!);
    if ('errors' in result) errors[rule.name] = result.errors;
    else values.set(rule.name, result.value);
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return values;
}

function asObject(body: PyValue): PyObject {
  if (body instanceof Map) return body;
  throw new ApiError(400, { non_field_errors: [MESSAGES.notADict(pyTypeName(body))] });
}

type FieldResult = { value: FieldValue } | { errors: string[] };

function runField(rule: FieldRule, input: PyValue): FieldResult {
  if (input === null) return rule.allowNull ? { value: null } : { errors: [MESSAGES.null] };
  switch (rule.kind) {
    case 'json':
      return { value: toJsonFieldValue(input) };
    case 'json-dict':
      // JSONField.to_internal_value accepts any parsed JSON; then the validators run.
      return input instanceof Map ? { value: toJsonFieldValue(input) } : { errors: [MESSAGES.notADictionary] };
    case 'choice': {
      // DRF looks the choice up by Python's str() of the input and quotes that str() when it fails.
      const text = pyStr(input);
      return rule.choices.includes(text) ? { value: text } : { errors: [MESSAGES.invalidChoice(text)] };
    }
    case 'datetime': {
      const read = typeof input === 'string' ? readDjangoDatetime(input) : 'format';
      if (read === 'format') return { errors: [MESSAGES.datetime] };
      return read === 'overflow' ? { errors: [MESSAGES.datetimeOverflow] } : { value: read };
    }
    case 'char':
    case 'ip':
      return runCharField(rule, input);
  }
}

/** DRF CharField (trim_whitespace) and its IPAddressField subclass, in DRF's order of checks. */
function runCharField(rule: FieldRule, input: Exclude<PyValue, null>): FieldResult {
  if (pyStrip(pyStr(input)) === '') return rule.allowBlank ? { value: '' } : { errors: [MESSAGES.blank] };
  if (rule.kind === 'ip') {
    if (typeof input !== 'string') return { errors: [MESSAGES.invalidIp] };
    // IPAddressField cleans anything with a colon as IPv6 before the CharField validators run.
    if (input.includes(':')) {
      const ipv6 = normaliseIpAddress(input);
      return ipv6 === undefined ? { errors: [MESSAGES.invalidIp] } : { value: ipv6 };
    }
  }
  if (typeof input === 'boolean' || !(typeof input === 'string' || input instanceof PyNumber)) return { errors: [MESSAGES.notString] };
  const value = pyStrip(pyStr(input));
  const errors = characterErrors(value);
  if (rule.kind === 'ip' && normaliseIpAddress(value) === undefined) errors.push(MESSAGES.invalidIp);
  return errors.length > 0 ? { errors } : { value };
}

/** DRF's ProhibitNullCharactersValidator and ProhibitSurrogateCharactersValidator, run on every CharField. */
function characterErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.includes('\x00')) errors.push(MESSAGES.nullCharacters);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const pair = code <= 0xdbff && i + 1 < value.length && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      errors.push(MESSAGES.surrogate(code));
      break;
    }
  }
  return errors;
}
