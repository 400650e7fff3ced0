import { detailError } from '../drf/api-error';
import type { MockSession, MockSessionRequest } from '../openapi/generated/schemas';
import type { Contract } from '../openapi/contract';
import { ajvSentence } from './error-sentences';
import type { HandlerContext, HandlerResult } from '../registry/operation-registry';

/** The mock's sessions as the admin API sees them; the core keeps them (session-directory.ts). */
export interface SessionControl {
  /** `--max-sessions`. */
  readonly max: number;
  list(): MockSession[];
  describe(name: string): MockSession | undefined;
  /**
   * Starts the session afresh: from a scenario of fixtures/, or from the start-up state. Throws the 400 for a
   * name that breaks the rule or a scenario that does not load, the 404 for a scenario that is not there.
   */
  start(name: string, scenario: string | undefined): { created: boolean; session: MockSession };
  /** False when there is no such session; throws the 400 for the default session. */
  remove(name: string): boolean;
}

type Handler = (ctx: HandlerContext) => HandlerResult;

/** GET/PUT/DELETE /__mock__/sessions…: the same in every session's admin API, since they act on all of them. */
export function createSessionHandlers(sessions: SessionControl, contract: Contract): Record<string, Handler> {
  return {
    mock_sessions_list() {
      return { status: 200, body: { sessions: sessions.list(), max_sessions: sessions.max } };
    },

    mock_sessions_retrieve({ params }) {
      const found = sessions.describe(params.name ?? '');
      if (!found) throw detailError(404, `No session named "${params.name}".`);
      return { status: 200, body: found };
    },

    mock_sessions_replace(ctx) {
      const body = ctx.body() ?? {};
      const valid = contract.schemaValidator('MockSessionRequest');
      if (!valid(body)) throw detailError(400, ajvSentence(valid.errors![0]!, { root: 'the session' }));
      const { created, session } = sessions.start(ctx.params.name ?? '', (body as MockSessionRequest).scenario);
      return { status: created ? 201 : 200, body: session };
    },

    mock_sessions_delete({ params }) {
      if (!sessions.remove(params.name ?? '')) throw detailError(404, `No session named "${params.name}".`);
      return { status: 204 };
    },
  };
}
