// The log-in form. A wrong identity or password gets one message for both (the server answers
// the same 401 for either, so nobody can probe which identities exist).

import { ApiError, type ConsoleApi, type SessionInfo } from './api';
import { el } from '../src/dom';

export function loginView(api: ConsoleApi, done: (session: SessionInfo) => void): HTMLElement {
  const identity = el('input', {
    id: 'login-identity',
    name: 'identity',
    autocomplete: 'username',
    required: true,
  });
  const password = el('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = el('p', { class: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = el(
    'form',
    {
      class: 'login',
      onsubmit: (e: Event) => {
        e.preventDefault();
        button.disabled = true;
        error.textContent = '';
        api
          .login(identity.value.trim(), password.value)
          .then(done)
          .catch((failure: unknown) => {
            error.textContent =
              failure instanceof ApiError && failure.status === 401
                ? 'Wrong identity or password.'
                : 'Cannot log in right now; try again.';
            password.value = '';
            button.disabled = false;
            password.focus();
          });
      },
    },
    el('h1', {}, 'Parley agent console'),
    el('label', { for: 'login-identity' }, 'Identity'),
    identity,
    el('label', { for: 'login-password' }, 'Password'),
    password,
    button,
    error,
  );
  queueMicrotask(() => identity.focus());
  return form;
}
