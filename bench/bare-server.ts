import express from 'express';

/** One canned answer: what the mock said for a method and URL, replayed byte for byte. */
export interface CannedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/**
 * The baseline: a bare Express 5 app that answers the benchmark's requests with the mock's own bytes and
 * does nothing else. Started as a child process with the canned answers as JSON on stdin.
 */
function main(): void {
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => (input += chunk.toString()));
  process.stdin.on('end', () => {
    const canned = JSON.parse(input) as CannedResponse[];
    const byKey = new Map(canned.map((c) => [`${c.method} ${c.url}`, c]));
    const app = express();
    app.disable('etag');
    app.use(express.raw({ type: () => true }));
    app.use((req, res) => {
      const answer = byKey.get(`${req.method} ${req.originalUrl}`);
      if (!answer) return void res.status(404).end();
      res.status(answer.status).type(answer.contentType).send(answer.body);
    });
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      console.log(`bare express listening on ${address.port}`);
    });
  });
}

main();
