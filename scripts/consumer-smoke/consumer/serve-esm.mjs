// An ESM consumer: startMock from a test setup, on a free port; prints its origin and waits to be stopped.
// SMOKE_AUTHENTIK_VERSION picks the authentik version (the default is 2024.8).
import { startMock } from 'authentik-events-mock';

const authentikVersion = process.env.SMOKE_AUTHENTIK_VERSION;
const mock = await startMock({ tokens: process.env.SMOKE_TOKEN, ...(authentikVersion ? { authentikVersion } : {}) });
console.log(`ready ${mock.url}`);
const summary = await mock.admin.reset();
if (summary.events !== (authentikVersion === '2025.8' ? 251 : 250)) throw new Error(`admin.reset() gave ${JSON.stringify(summary)}`);
process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
