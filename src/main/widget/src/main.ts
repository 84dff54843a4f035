// widget.js: <script src="https://<parley>/widget.js" data-deployment-key="…" async></script>.
// Parley's base URL is the script's own origin. docs/widget.md lists the options.

import { readConfig, type Appearance } from './config';
import { Webchat3Client } from './session';
import { Widget } from './widget';

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-deployment-key]');

/**
 * The deployment's look first (at most two seconds: without it the page's attributes and the
 * defaults apply), then the widget.
 */
async function start(): Promise<void> {
  if (!script) throw new Error('parley widget: cannot find its script tag');
  const key = script.dataset.deploymentKey?.trim();
  let look: Appearance = {};
  if (key) {
    const origin = new URL(script.src, location.href).origin;
    look = await new Webchat3Client(origin, key).appearance(2000).catch(() => ({}));
  }
  new Widget(readConfig(script, look));
}

if (document.body) void start();
else document.addEventListener('DOMContentLoaded', () => void start(), { once: true });
