import { createLineWriter } from '../src/node/line-writer';

describe('createLineWriter (the CLI request log)', () => {
  const sink = () => {
    const writes: string[] = [];
    return { writes, out: { write: (text: string) => writes.push(text) } };
  };

  test('lines written in one turn reach the output as one write, in order, after the delay', async () => {
    const { writes, out } = sink();
    const log = createLineWriter(out, { delayMs: 5 });
    log.write('GET /a 200 1 ms');
    log.write('GET /b 404 2 ms');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writes).toEqual(['GET /a 200 1 ms\nGET /b 404 2 ms\n']);
  });

  test('a batch that reaches maxBytes is written at once', () => {
    const { writes, out } = sink();
    const log = createLineWriter(out, { delayMs: 1000, maxBytes: 10 });
    log.write('12345');
    expect(writes).toEqual([]);
    log.write('67890');
    expect(writes).toEqual(['12345\n67890\n']);
  });

  test('flush() writes what is pending and nothing when nothing is', () => {
    const { writes, out } = sink();
    const log = createLineWriter(out, { delayMs: 1000 });
    log.flush();
    log.write('last line');
    log.flush();
    log.flush();
    expect(writes).toEqual(['last line\n']);
  });
});
