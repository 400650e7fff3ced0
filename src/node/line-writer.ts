/**
 * Lines for standard output, written in batches: one `write` per batch instead of one per line.
 *
 * Under load the mock logs thousands of lines a second. `console.log` formats each one and issues one
 * synchronous write per line (stdout to a file or a pipe is synchronous on Linux), which cost about a fifth
 * of the throughput. Lines are gathered for at most `delayMs` (or until `maxBytes`) and written together;
 * `flush()` writes what is left, and runs by itself when the process exits, so no line is lost at shutdown.
 */
export interface LineWriter {
  write(line: string): void;
  flush(): void;
}

export interface LineWriterOptions {
  /** How long a line may wait for others; short enough that a person watching the terminal sees no lag. */
  delayMs?: number;
  /** A batch this large is written at once. */
  maxBytes?: number;
}

export function createLineWriter(out: { write(text: string): unknown }, options: LineWriterOptions = {}): LineWriter {
  const delayMs = options.delayMs ?? 10;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const text = pending;
    pending = '';
    out.write(text);
  };
  process.once('exit', flush);
  return {
    write(line) {
      pending += `${line}\n`;
      if (pending.length >= maxBytes) flush();
      // unref: a pending batch never keeps the process alive; the exit hook writes it.
      else if (!timer) timer = setTimeout(flush, delayMs).unref();
    },
    flush,
  };
}
