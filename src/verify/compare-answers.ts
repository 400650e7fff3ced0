import { firstDifference } from './first-difference';
import { knownDifferenceOf, type KnownDifference } from './known-differences';
import type { PlannedRequest } from './request-plan';
import type { Answer } from './sides';
import type { VerifyCheck } from './verify-checks';


/** One way two answers to one request differ. */
export interface Difference {
  check: VerifyCheck;
  /** What differs, the same for every request with this cause: the group a report shows once. */
  cause: string;
  /** The cause with this request's own values. */
  message: string;
  /** For a body: the JSON pointer of the first place that differs. */
  path?: string;
  /** A difference the README lists as deliberate: reported apart, not counted. */
  known?: KnownDifference;
}

const shown = (value: string | null) => (value === null ? '(none)' : JSON.stringify(value));

/**
 * How the target's and the mock's answers to one request differ: status, then content type and Allow, then
 * the body's text. A status that differs is the whole story (the bodies of a 200 and a 404 differ anyway);
 * so is a content type that differs, for the body.
 */
export function compareAnswers(request: PlannedRequest, target: Answer, mock: Answer): Difference[] {
  const where = `${request.method} ${request.path}`;
  if (target.status !== mock.status) {
    const cause = `status: target ${target.status}, mock ${mock.status}`;
    return [{ check: 'same-status', cause, message: `${where}: ${cause}` }];
  }
  const differences: Difference[] = [];
  if (target.contentType !== mock.contentType) {
    const cause = `content type: target ${shown(target.contentType)}, mock ${shown(mock.contentType)}`;
    differences.push({ check: 'same-content-type', cause, message: `${where}: ${cause}` });
  }
  if (target.allow !== mock.allow) {
    const cause = `Allow: target ${shown(target.allow)}, mock ${shown(mock.allow)}`;
    differences.push({ check: 'same-allow', cause, message: `${where}: ${cause}` });
  }
  if (differences.some((d) => d.check === 'same-content-type')) return differences;
  const body = firstDifference(target.body, mock.body);
  if (body) {
    const known = knownDifferenceOf(request, target, mock);
    // A known difference is one group per operation wherever it shows; any other is grouped by its place too.
    const cause = known ? `known difference: README "${known.readme}"` : `body: ${body.what} differs`;
    differences.push({ check: 'same-body', cause, message: `${where}: ${body.what} differs at ${body.path || 'the body'}: target ${body.target}, mock ${body.mock}`, ...(known ? { known } : body.path === '' ? {} : { path: body.path }) });
  }
  return differences;
}
