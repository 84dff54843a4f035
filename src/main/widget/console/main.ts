// console.js, loaded by Parley's /console page: the log-in form, or the console for the agent
// whose session cookie is still valid (docs/console.md).

import { ConsoleApi } from './api';
import { ConsoleApp } from './console-app';
import { loginView } from './login-view';
import { allowSound } from './chime';
import { el, replace } from '../src/dom';

async function boot(root: HTMLElement): Promise<void> {
  const api = new ConsoleApi();
  document.addEventListener('pointerdown', allowSound, { once: true });
  document.addEventListener('keydown', allowSound, { once: true });
  const session = await api.session();
  if (session) {
    await new ConsoleApp(root, api, session).start();
  } else {
    replace(
      root,
      loginView(api, (s) => void new ConsoleApp(root, api, s).start()),
    );
  }
}

const root = document.getElementById('console');
if (root) {
  boot(root).catch(() =>
    replace(root, el('p', { class: 'status' }, 'The console cannot start; reload the page.')),
  );
}
