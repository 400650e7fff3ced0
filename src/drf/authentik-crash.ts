import { OrjsonWriteError } from '../python/json-number';

/**
 * A request on which authentik itself fails with an unhandled exception (measured on its own code). Its
 * 500 handler is a Django page view, so the client gets that view's answer, not a JSON error: see
 * `toErrorViewReply`. Thrown where the cause is detected, before anything is stored. `reason` says what
 * authentik fails on, for the log; the mock itself is not at fault.
 */
export class AuthentikCrash extends Error {
  constructor(readonly reason: string) {
    super(`authentik answers this with its error page: ${reason}`);
  }
}

/** The crash an error stands for: an AuthentikCrash, or orjson failing to write an answer; else undefined. */
export function toAuthentikCrash(error: unknown): AuthentikCrash | undefined {
  if (error instanceof AuthentikCrash) return error;
  if (error instanceof OrjsonWriteError) return new AuthentikCrash(`orjson cannot write the answer: ${error.message}`);
  return undefined;
}
