import type { ErrorObject } from 'ajv';
import { describeAjvError } from '../openapi/describe-ajv-error';

/**
 * The admin API's 400s as sentences (issue 18): "The status of the fault on events_events_list must be at most
 * 599." rather than "/events_events_list/status: must be <= 599". A JSON pointer is named in words (an item of
 * a list by its number from 1, a field by its name) and the rule (an ajv phrase, or a rule of the mock's own)
 * is said as a predicate. The scenario files' messages on the command line keep their pointers: a file's
 * author looks the pointer up, a dashboard user reads the sentence.
 */

/** How an endpoint's body is named: the whole of it, and what its first segment is (an operationId, an item). */
export interface BodyNaming {
  /** The body as a whole: `the stub`, `the request body`. */
  root: string;
  /** The first segment in words: `the fault on events_events_list`, `task 3`; absent, it is a field of the root. */
  first?(segment: string): string;
}

/** A list's item in words: `messages` and 0 are `message 1`; `systemTasks` and 1 are `system task 2`. */
function item(list: string, index: number): string {
  const words = list.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ').toLowerCase();
  return `${words.endsWith('s') ? words.slice(0, -1) : words} ${index + 1}`;
}

/** `/0/messages/0/log_level` → `the log_level of message 1 of task 1`. */
export function subjectOf(pointer: string, naming: BodyNaming): string {
  const segments = pointer === '/' || pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (segments.length === 0) return naming.root;
  const words: string[] = [];
  let numbered = false;
  segments.forEach((segment, at) => {
    if (at === 0 && naming.first) {
      words.push(naming.first(segment));
      numbered = true;
    } else if (/^\d+$/.test(segment) && words.length > 0) {
      words.push(item(words.pop()!, Number(segment)));
      numbered = true;
    } else words.push(segment);
  });
  // A field is "the status"; an item is "system task 2" already. The root is said only when nothing else names the place.
  const subject = words
    .reverse()
    .map((word) => (/\d$/.test(word) || word.startsWith('the ') ? word : `the ${word}`))
    .join(' of ');
  return `${subject}${numbered ? '' : ` of ${naming.root}`}`;
}

const TYPES: Record<string, string> = { integer: 'a whole number', number: 'a number', string: 'text (a string)', boolean: 'true or false', object: 'an object', array: 'an array', null: 'null' };

/** An ajv phrase (describeAjvError's) as a predicate: `must be <= 599` → `must be at most 599`. Any other rule is kept. */
export function predicateOf(rule: string): string {
  const rewrites: Array<[RegExp, (...groups: string[]) => string]> = [
    [/^must be equal to one of the allowed values \((.*)\)$/, (values) => `must be one of: ${values}`],
    [/^must be (\w+)$/, (type) => (TYPES[type] ? `must be ${TYPES[type]}` : `must be ${type}`)],
    [/^must be <= (\S+)$/, (n) => `must be at most ${n}`],
    [/^must be >= (\S+)$/, (n) => `must be at least ${n}`],
    [/^must be < (\S+)$/, (n) => `must be less than ${n}`],
    [/^must be > (\S+)$/, (n) => `must be more than ${n}`],
    [/^must match format "(.*)"$/, (format) => `must be ${format === 'uuid' ? 'a UUID' : format === 'date-time' ? 'a date and time (ISO 8601)' : `a ${format}`}`],
    [/^must have required property '(.*)'$/, (name) => `needs ${name}`],
    [/^must NOT have additional properties \((.*)\)$/, (name) => `has a field it does not know: ${name}`],
    [/^must NOT have more than (\d+) items$/, (n) => `must have at most ${n} items`],
    [/^must NOT have fewer than (\d+) items$/, (n) => `must have at least ${n} items`],
    [/^must NOT have fewer than 1 characters$/, () => 'must not be empty'],
    [/^must match exactly one schema in oneOf$/, () => 'must have one of the allowed forms'],
  ];
  for (const [pattern, say] of rewrites) {
    const match = pattern.exec(rule);
    if (match) return say(...match.slice(1));
  }
  return rule;
}

/** One problem as a sentence: `The status of task 2 must be one of: queued, done.` */
export function sentence(pointer: string, rule: string, naming: BodyNaming): string {
  const subject = subjectOf(pointer, naming);
  const predicate = predicateOf(rule);
  const text = /^(must|needs|has|is) /.test(predicate) ? `${subject} ${predicate}` : `${subject}: ${predicate}`;
  return `${text[0]!.toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;
}

/** The first ajv error of a body, as a sentence (the admin API answers one problem of a fault table or stub at a time). */
export function ajvSentence(error: ErrorObject, naming: BodyNaming): string {
  return sentence(error.instancePath || '/', describeAjvError(error), naming);
}

const MAX_LISTED = 5;

/** Several problems: each a sentence, after how many there are. */
export function sentences(problems: ReadonlyArray<{ pointer: string; rule: string }>, naming: BodyNaming): string {
  const said = problems.slice(0, MAX_LISTED).map((problem) => sentence(problem.pointer, problem.rule, naming));
  if (problems.length === 1) return said[0]!;
  const more = problems.length > MAX_LISTED ? ` And ${problems.length - MAX_LISTED} more.` : '';
  return `${problems.length} problems: ${said.join(' ')}${more}`;
}
