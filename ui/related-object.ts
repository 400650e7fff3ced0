/** The fields authentik 2025.8's tasks and schedules name their related object by. */
interface RelatedObject {
  rel_obj_app_label?: string;
  rel_obj_model?: string;
  rel_obj_id?: string | null;
}

/**
 * `app_label.model id`, or only the id, or nothing. authentik leaves rel_obj_app_label and rel_obj_model out
 * of an object without a related object (the spec says they are required), so their absence is normal here.
 */
export function relatedObject(row: RelatedObject): string {
  const model = row.rel_obj_app_label === undefined ? '' : `${row.rel_obj_app_label}.${row.rel_obj_model ?? ''}`;
  return [model, row.rel_obj_id ?? ''].filter((part) => part !== '').join(' ');
}
