// The page bundled from the installed package: the mock in msw's service worker, and authentik's client
// against it. It writes what the client received into #bodies (or what went wrong).
import { createHandlers } from 'authentik-events-mock/msw';
import { setupWorker } from 'msw/browser';
import { clientBodies } from './client-bodies.mjs';

const out = document.getElementById('bodies');
try {
  const token = new URLSearchParams(location.search).get('token');
  const { handlers } = createHandlers({ tokens: [token] });
  await setupWorker(...handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  out.textContent = JSON.stringify(await clientBodies(`${location.origin}/api/v3`, token));
} catch (error) {
  out.textContent = `error: ${error.stack ?? error}`;
}
