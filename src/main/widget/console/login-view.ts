// The log-in form. A wrong identity or password gets one message for both (the server answers
// the same 401 for either, so nobody can probe which identities exist).
//
// An agent belongs to one account. On a server with several accounts the same identity may exist
// in more than one, so the log-in can name the account: the console link `/console?account=AC…`
// fills it in, and "Another account" opens the field by hand. Without it the identity must be one
// agent's on the whole server.

import { ApiError, type ConsoleApi, type SessionInfo } from './api';
import { el } from '../src/dom';

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

export function loginView(api: ConsoleApi, done: (session: SessionInfo) => void): HTMLElement {
  const linked = new URLSearchParams(location.search).get('account')?.trim() ?? '';
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
  const account = el('input', {
    id: 'login-account',
    name: 'account',
    placeholder: 'AC…',
    pattern: ACCOUNT_SID.source,
    autocomplete: 'organization',
    spellcheck: 'false',
  });
  account.value = linked;
  const accountBox = el(
    'details',
    { class: 'account', open: linked !== '' },
    el('summary', {}, 'Another account'),
    el('label', { for: 'login-account' }, 'Account SID'),
    account,
  );
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
          .login(identity.value.trim(), password.value, account.value.trim())
          .then(done)
          .catch((failure: unknown) => {
            error.textContent = message(failure, account.value.trim() !== '');
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
    accountBox,
    button,
    error,
  );
  queueMicrotask(() => identity.focus());
  return form;
}

function message(failure: unknown, namedAccount: boolean): string {
  if (!(failure instanceof ApiError)) return 'Cannot log in right now; try again.';
  if (failure.status === 401) {
    return namedAccount
      ? 'Wrong identity or password.'
      : 'Wrong identity or password. If your server has several accounts, use your account’s console link or enter its Account SID.';
  }
  if (failure.status === 429) return 'Too many failed log-ins: wait a moment, then try again.';
  if (failure.status === 400) return 'That Account SID is not valid.';
  return 'Cannot log in right now; try again.';
}
