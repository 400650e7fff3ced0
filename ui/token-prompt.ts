import { adminToken } from './admin-api';
import { h, messageLine } from './dom';

/**
 * Asks for the admin token (`--admin-token`) once; it is kept for this tab. `refusal` is the admin API's 403
 * line when a token was already tried.
 */
export function createTokenPrompt(refusal: string | undefined, onToken: () => void): HTMLElement {
  const message = messageLine();
  if (refusal !== undefined) message.error(refusal);
  const input = h('input', { type: 'password', id: 'admin-token', autocomplete: 'off', required: true });
  const form = h(
    'form',
    { class: 'panel token-prompt', 'aria-labelledby': 'token-title' },
    h('h2', { id: 'token-title' }, 'Sign in to the admin API'),
    h('p', {}, 'This mock was started with --admin-token. Enter that token; the page keeps it for this tab only.'),
    h('div', { class: 'field-row' }, h('label', { for: 'admin-token' }, 'Admin token'), input, h('button', { type: 'submit' }, 'Use token')),
    message.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    adminToken.set(input.value);
    onToken();
  });
  queueMicrotask(() => input.focus());
  return form;
}
