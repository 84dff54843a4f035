// widget.js: <script src="https://<parley>/widget.js" data-deployment-key="…" async></script>.
// Parley's base URL is the script's own origin. docs/widget.md lists the options.

import { readConfig } from './config';
import { Widget } from './widget';

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-deployment-key]');

function start(): void {
  if (!script) throw new Error('parley widget: cannot find its script tag');
  new Widget(readConfig(script));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
