// An ESM consumer: startMock from a test setup, on a free port; prints its origin and waits to be stopped.
import { startMock } from 'authentik-events-mock';

const mock = await startMock({ tokens: process.env.SMOKE_TOKEN });
console.log(`ready ${mock.url}`);
const summary = await mock.admin.reset();
if (summary.events !== 250) throw new Error(`admin.reset() gave ${JSON.stringify(summary)}`);
process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
