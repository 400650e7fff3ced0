import type { OpenApiDocument, SchemaObject } from '../openapi/spec-document';
import { resolveSchema } from '../openapi/operations';
import { findChoiceLabel } from './choice-labels';
import { isFreeObject } from './serializer';

/** One field as DRF's SimpleMetadata describes it in an OPTIONS answer's `actions` block. */
export type FieldInfo = Record<string, unknown>;

/**
 * DRF's SimpleMetadata description of a serializer (`get_serializer_info`), read from the schema
 * drf-spectacular wrote for it: each property's DRF field type, `required` (required and not read-only),
 * `read_only`, `label` (the schema's `title`, else the name capitalised with spaces), length and value
 * limits, `choices` for writable enums (with their labels, see choice-labels.ts), `child` for lists and
 * dicts, `children` for nested serializers. Fields come in the schema's order, which is the serializer's.
 */
export function describeSerializer(spec: OpenApiDocument, schemaOrRef: SchemaObject, nested = false): Record<string, FieldInfo> {
  const schema = resolveSchema(spec, schemaOrRef);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const fields: Record<string, FieldInfo> = {};
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>)) {
    const readOnly = property.readOnly === true;
    fields[name] = describeField(spec, property, { required: required.has(name) && !readOnly, readOnly, label: (property.title as string | undefined) ?? capfirst(name.replaceAll('_', ' ')), topLevel: !nested });
  }
  return fields;
}

interface FieldPlace {
  required: boolean;
  readOnly: boolean;
  /** Fields of a serializer have one; the child of a list or dict has none. */
  label?: string;
  /** A field of the described serializer itself, not of a nested one. */
  topLevel?: boolean;
}

function describeField(spec: OpenApiDocument, property: SchemaObject, place: FieldPlace): FieldInfo {
  const schema = resolveSchema(spec, property);
  // authentik's JSONDictField (a model JSONField of a ModelSerializer, 2025.8) is a JSONField to DRF's
  // metadata: `field`, no child. Only a serializer's own fields are model fields; deeper down (LogEvent's
  // `attributes`) the same schema is a DictField.
  const jsonDict = place.topLevel === true && isFreeObject(schema);
  const child = jsonDict ? undefined : childSchema(schema);
  const info: FieldInfo = { type: jsonDict ? 'field' : fieldType(schema, place.readOnly, child && resolveSchema(spec, child)), required: place.required, read_only: place.readOnly };
  if (place.label !== undefined) info.label = place.label;
  // DRF lists these attributes when the field has them; drf-spectacular writes minLength 1 for "not blank".
  if (typeof schema.minLength === 'number' && schema.minLength > 1) info.min_length = schema.minLength;
  if (typeof schema.maxLength === 'number') info.max_length = schema.maxLength;
  if (typeof schema.minimum === 'number') info.min_value = schema.minimum;
  if (typeof schema.maximum === 'number') info.max_value = schema.maximum;
  if (child) info.child = describeField(spec, child, { required: true, readOnly: false });
  else if (isNestedSerializer(schema)) info.children = describeSerializer(spec, schema, true);
  if (!place.readOnly && Array.isArray(schema.enum)) {
    const enumName = typeof property.$ref === 'string' ? property.$ref.split('/').pop()! : '';
    info.choices = (schema.enum as string[]).map((value) => ({ value, display_name: findChoiceLabel(enumName, value) ?? value }));
  }
  return info;
}

/** DRF's `label_lookup`: the type name of the field class drf-spectacular described with this schema. */
function fieldType(schema: SchemaObject, readOnly: boolean, child: SchemaObject | undefined): string {
  if (Array.isArray(schema.enum)) return 'choice';
  switch (schema.type) {
    case 'string':
      // A SerializerMethodField is read-only with its method's docstring as description: DRF's plain Field.
      if (readOnly && typeof schema.description === 'string' && schema.format === undefined) return 'field';
      return STRING_FORMATS[schema.format as string] ?? 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'float';
    case 'boolean':
      return 'boolean';
    case 'array':
      // Serializer(many=True) is a ListSerializer, which DRF names plainly; a ListField of values is a list.
      return child && isNestedSerializer(child) ? 'field' : 'list';
    case 'object':
      return 'nested object';
    default:
      // A JSONField (`{}`), and whatever else has no DRF name of its own.
      return 'field';
  }
}

const STRING_FORMATS: Readonly<Record<string, string>> = { 'date-time': 'datetime', date: 'date', time: 'time', duration: 'duration', email: 'email', uri: 'url', binary: 'file upload' };

function childSchema(schema: SchemaObject): SchemaObject | undefined {
  if (schema.type === 'array') return (schema.items as SchemaObject | undefined) ?? {};
  if (schema.type === 'object' && schema.properties === undefined && schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    return schema.additionalProperties === true ? {} : (schema.additionalProperties as SchemaObject);
  }
  return undefined;
}

/** A resolved schema with properties: a nested serializer. */
function isNestedSerializer(schema: SchemaObject): boolean {
  return schema.properties !== undefined;
}

function capfirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
