import { choiceLabel } from '../drf/choice-labels';
import type { OpenApiDocument } from '../openapi/spec-document';
import type { TypeCreate } from '../openapi/generated/schemas';

/**
 * `GET /events/events/actions/`: every EventActions value, in the schema's order, as authentik's
 * TypeCreate: `name` the label, `component` the value, `description` and `model_name` empty,
 * `requires_enterprise` false (the serializer's default; authentik sends no `icon_url`).
 */
export function listEventActionTypes(spec: OpenApiDocument): TypeCreate[] {
  const values = (spec.components.schemas.EventActions?.enum ?? []) as string[];
  return values.map((value) => ({ name: choiceLabel('EventActions', value), description: '', component: value, model_name: '', requires_enterprise: false }));
}
