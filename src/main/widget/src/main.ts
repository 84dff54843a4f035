// widget.js: <script src="https://<parley>/widget.js" data-deployment-key="…" async></script>.
// Parley's base URL is the script's own origin. docs/widget.md lists the options.

import { readConfig, type Appearance } from './config';
import { Webchat3Client } from './session';
import { Widget } from './widget';

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-deployment-key]');

/** A look read less than a minute ago is used as it is: page views cost no request. */
const LOOK_FRESH_MS = 60_000;

/**
 * The deployment's look first (kept a minute in localStorage; a read waits at most two seconds,
 * then the last one kept, else the page's attributes and the defaults apply), then the widget.
 */
async function start(): Promise<void> {
  if (!script) throw new Error('parley widget: cannot find its script tag');
  const key = script.dataset.deploymentKey?.trim();
  let look: Appearance = {};
  if (key) {
    const kept = keptLook(key);
    if (kept && Date.now() - kept.at >= 0 && Date.now() - kept.at < LOOK_FRESH_MS) look = kept.look;
    else {
      const origin = new URL(script.src, location.href).origin;
      try {
        look = await new Webchat3Client(origin, key).appearance(2000);
        keepLook(key, look);
      } catch {
        look = kept?.look ?? {};
      }
    }
  }
  new Widget(readConfig(script, look));
}

function keptLook(key: string): { look: Appearance; at: number } | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(`parley-widget-look:${key}`) ?? 'null');
    return kept && typeof kept.at === 'number' && typeof kept.look === 'object' ? kept : undefined;
  } catch {
    return undefined;
  }
}

function keepLook(key: string, look: Appearance): void {
  try {
    localStorage.setItem(`parley-widget-look:${key}`, JSON.stringify({ look, at: Date.now() }));
  } catch {
    // Storage is off: the look is read on every page view.
  }
}

if (document.body) void start();
else document.addEventListener('DOMContentLoaded', () => void start(), { once: true });
