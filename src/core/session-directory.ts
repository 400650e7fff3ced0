import { DEFAULT_SESSION } from './session-name';

/** What the directory needs of a session: its name, its times, and a way to end its journal streams. */
export interface SessionLike {
  readonly name: string;
  readonly created: number;
  lastUsed: number;
  /** Called when the session is removed or evicted, and when the mock shuts down. */
  close(): void;
}

/**
 * The sessions of one mock, least recently used first. The default session is always there and is never
 * evicted; past `max` sessions besides it, the least recently used one is removed with a log line, so that a
 * suite that opens a session per test cannot grow the mock without bound.
 */
export class SessionDirectory<S extends SessionLike> {
  // A Map iterates in insertion order; touching a session re-inserts it, so the first entry is the least recently used.
  private readonly sessions = new Map<string, S>();

  constructor(
    readonly defaultSession: S,
    private readonly open: (name: string) => S,
    readonly max: number,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** The named session, started now if it is new; either way it becomes the most recently used. */
  use(name: string): S {
    if (name === DEFAULT_SESSION) {
      this.defaultSession.lastUsed = this.now();
      return this.defaultSession;
    }
    const found = this.sessions.get(name);
    if (found) {
      this.sessions.delete(name);
      found.lastUsed = this.now();
      this.sessions.set(name, found);
      return found;
    }
    return this.add(this.open(name));
  }

  get(name: string): S | undefined {
    return name === DEFAULT_SESSION ? this.defaultSession : this.sessions.get(name);
  }

  /** Puts a session in place of the one of that name (if any); true when the name is new. */
  replace(session: S): boolean {
    const old = this.sessions.get(session.name);
    if (old) {
      this.sessions.delete(session.name);
      old.close();
    }
    this.add(session);
    return old === undefined;
  }

  remove(name: string): boolean {
    const found = this.sessions.get(name);
    if (!found) return false;
    this.sessions.delete(name);
    found.close();
    return true;
  }

  /** Every session, the default included, most recently used first. */
  list(): S[] {
    return [...this.sessions.values(), this.defaultSession].sort((a, b) => b.lastUsed - a.lastUsed);
  }

  get size(): number {
    return this.sessions.size + 1;
  }

  closeAll(): void {
    for (const session of this.sessions.values()) session.close();
    this.defaultSession.close();
  }

  private add(session: S): S {
    this.sessions.set(session.name, session);
    while (this.sessions.size > this.max) {
      const [oldest] = this.sessions.values();
      this.sessions.delete(oldest!.name);
      oldest!.close();
      this.log(`session "${oldest!.name}" removed: more than --max-sessions ${this.max} sessions; it was the least recently used (last used ${new Date(oldest!.lastUsed).toISOString()})`);
    }
    return session;
  }
}
