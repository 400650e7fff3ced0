import { ApiError, validationError } from '../drf/api-error';
import { validateBody, type FieldRule } from '../drf/serializer';
import { PyNumber, type PyValue } from '../python/py-json';
import { pyStr } from '../python/py-repr';
import { pyStrip } from '../python/py-strip';
import { parseCrontab, type Crontab } from './crontab';

/** What a PUT or PATCH of a schedule may change, validated; a key is present only when the body sent it. */
export interface ScheduleChanges {
  rel_obj_id?: string | null;
  crontab?: { text: string; parsed: Crontab };
  paused?: boolean;
}

// ScheduleSerializer's writable fields, in its field order: rel_obj_id (TextField null=True: a CharField that
// allows null, not blank), crontab (TextField with the crontab validator), paused (BooleanField).
const REL_OBJ_ID: FieldRule = { name: 'rel_obj_id', kind: 'char', required: false, allowNull: true, allowBlank: false, choices: [] };
const CRONTAB: FieldRule = { name: 'crontab', kind: 'char', required: true, allowNull: false, allowBlank: false, choices: [] };

// DRF 3.16's BooleanField: these strings case-insensitively, and the numbers 1 and 0 (1.0 == 1 in Python).
const TRUE_TEXT = new Set(['t', 'y', 'yes', 'true', 'on', '1']);
const FALSE_TEXT = new Set(['f', 'n', 'no', 'false', 'off', '0']);

function readBoolean(input: PyValue): boolean | undefined {
  if (typeof input === 'boolean') return input;
  if (typeof input === 'string') {
    const lower = input.toLowerCase();
    return TRUE_TEXT.has(lower) ? true : FALSE_TEXT.has(lower) ? false : undefined;
  }
  if (input instanceof PyNumber) {
    const value = input.toNumber();
    return value === 1 ? true : value === 0 ? false : undefined;
  }
  return undefined;
}

/** One field's errors, or its value, through the shared DRF CharField rules. */
function charField(rule: FieldRule, body: PyValue | undefined, partial: boolean): { value?: unknown; errors?: string[] } {
  try {
    const values = validateBody([rule], body, partial);
    return values.has(rule.name) ? { value: values.get(rule.name) } : {};
  } catch (error) {
    if (error instanceof ApiError && !Array.isArray(error.body) && rule.name in error.body) return { errors: (error.body as Record<string, string[]>)[rule.name] };
    throw error;
  }
}

const invalidCrontab = (text: string) => `${text} is not a valid crontab`;

/**
 * DRF's validation of a ScheduleSerializer body (PUT: `partial` false, crontab required). Read-only and
 * unknown keys are ignored; every failing field is reported at once, in field order. The crontab is
 * trimmed, then handed to cron-converter: a ValueError is `<value> is not a valid crontab`, ahead of the
 * NUL message DRF's own validator adds.
 */
export function validateScheduleBody(body: PyValue | undefined, partial: boolean): ScheduleChanges {
  const changes: ScheduleChanges = {};
  const errors: Record<string, string[]> = {};

  const relObjId = charField(REL_OBJ_ID, body, partial);
  if (relObjId.errors) errors.rel_obj_id = relObjId.errors;
  else if ('value' in relObjId) changes.rel_obj_id = relObjId.value as string | null;

  const crontab = charField(CRONTAB, body, partial);
  const sent = body instanceof Map ? body.get('crontab') : undefined;
  if (crontab.errors) {
    // A value that got as far as the validators (only the NUL check failed) also meets the crontab validator.
    if (crontab.errors.every((message) => message.startsWith('Null characters')) && sent !== undefined && sent !== null) {
      const text = pyStrip(pyStr(sent));
      errors.crontab = parseCrontab(text) ? crontab.errors : [invalidCrontab(text), ...crontab.errors];
    } else errors.crontab = crontab.errors;
  } else if ('value' in crontab) {
    const text = crontab.value as string;
    const parsed = parseCrontab(text);
    if (parsed) changes.crontab = { text, parsed };
    else errors.crontab = [invalidCrontab(text)];
  }

  if (body instanceof Map && body.has('paused')) {
    const input = body.get('paused')!;
    const value = input === null ? undefined : readBoolean(input);
    if (input === null) errors.paused = ['This field may not be null.'];
    else if (value === undefined) errors.paused = ['Must be a valid boolean.'];
    else changes.paused = value;
  }

  if (Object.keys(errors).length > 0) throw validationError(errors);
  return changes;
}
