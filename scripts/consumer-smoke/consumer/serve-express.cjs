// The middleware in an Express app, mounted before the app's body parser (the recommended order), with the
// app's own routes registered after it.
const express = require('express');
const { createMockMiddleware } = require('authentik-events-mock/express');

const app = express();
app.use(createMockMiddleware({ tokens: process.env.SMOKE_TOKEN }));
app.use(express.json());
app.get('/host-route', (_req, res) => res.json({ host: true }));
const server = app.listen(0, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
