/**
 * The display names of authentik's choices (Django TextChoices labels), which drf-spectacular leaves out
 * of the schema but which DRF shows: `actions/` lists them as `name`, OPTIONS metadata as `display_name`.
 * Read from authentik's answers (reference/measured/event-actions.json, options_*.json): EventActions
 * labels are the value in title case, but for two; task statuses are upper case; log levels as they are.
 */
const LABELS: Readonly<Record<string, (value: string) => string>> = {
  EventActions: (value) => EVENT_ACTION_EXCEPTIONS[value] ?? titleCase(value),
  SystemTaskStatusEnum: (value) => value.toUpperCase(),
  LogLevelEnum: (value) => value,
};

const EVENT_ACTION_EXCEPTIONS: Readonly<Record<string, string>> = {
  invitation_used: 'Invite Used',
  custom_: 'Custom Prefix',
};

const titleCase = (value: string) =>
  value
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/** The label of one value of the named enum schema; throws for an enum whose labels are not known. */
export function choiceLabel(enumName: string, value: string): string {
  const label = findChoiceLabel(enumName, value);
  if (label === undefined) throw new Error(`no display names are known for the choices of ${enumName}`);
  return label;
}

/** The label of one value of the named enum schema, or undefined for an enum whose labels are not known. */
export function findChoiceLabel(enumName: string, value: string): string | undefined {
  return LABELS[enumName]?.(value);
}
