// The middleware mounted after express.json(), as a new user might: a valid POST still creates the event
// (from req.body), the mock warns once, and a route the host registers after the mock still answers.
const assert = require('node:assert/strict');
const express = require('express');
const { createMockMiddleware } = require('authentik-events-mock/express');

const warnings = [];
console.warn = (line) => warnings.push(String(line));
const app = express();
app.use(express.json());
app.use(createMockMiddleware());
app.get('/host-route', (_req, res) => res.json({ host: true }));
app.use((_req, res) => res.status(404).send('host 404'));
const server = app.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const headers = { Authorization: 'Bearer t', 'Content-Type': 'application/json' };
  try {
    for (let i = 0; i < 2; i++) {
      const created = await fetch(`${base}/api/v3/events/events/`, { method: 'POST', headers, body: JSON.stringify({ action: 'login', app: 'smoke' }) });
      const body = await created.json();
      assert.equal(created.status, 201, JSON.stringify(body));
      assert.equal(body.app, 'smoke');
    }
    assert.equal(warnings.length, 1, `one warning, got ${JSON.stringify(warnings)}`);
    assert.match(warnings[0], /mounted before body parsers/);
    const host = await fetch(`${base}/host-route`);
    assert.deepEqual([host.status, await host.json()], [200, { host: true }]);
    const other = await fetch(`${base}/elsewhere`);
    assert.deepEqual([other.status, await other.text()], [404, 'host 404']);
    console.log('behind express.json(): ok');
  } finally {
    server.close();
  }
});
