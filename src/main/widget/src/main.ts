// widget.js: <script src="https://<parley>/widget.js" data-deployment-key="…" async></script>.
// Parley's base URL is the script's own origin. docs/widget.md lists the options.

import { readConfig, type Appearance } from './config';
import { InOrder } from './in-order';
import { Webchat3Client, type Identified } from './session';
import { Widget } from './widget';

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-deployment-key]');

/** What a page passes to `Parley.identify` (docs/widget.md, docs/verified-visitors.md). */
export interface IdentifyOptions {
  identity: string;
  hash: string;
  name?: string;
  email?: string;
  /** The JSON object's text exactly as signed; an object is sent as `JSON.stringify` makes it. */
  attributes?: string | Record<string, unknown>;
}

export interface ParleyApi {
  identify(options: IdentifyOptions): Promise<void>;
  reset(): Promise<void>;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

let started: (widget: Widget) => void;
const widget = new Promise<Widget>((resolve) => (started = resolve));
/** identify and reset run one after the other, in the order the page called them. */
const calls = new InOrder();

/** The options checked at once, so a page's mistake throws where it was made. */
function identified(options: IdentifyOptions): Identified {
  const text = (value: unknown, name: string, required: boolean): string | undefined => {
    if (value === undefined || value === null || value === '') {
      if (required) throw new TypeError(`Parley.identify: ${name} is required`);
      return undefined;
    }
    if (typeof value !== 'string') throw new TypeError(`Parley.identify: ${name} must be a string`);
    return value;
  };
  const attributes =
    options?.attributes !== null && typeof options?.attributes === 'object'
      ? JSON.stringify(options.attributes)
      : text(options?.attributes, 'attributes', false);
  return {
    identity: text(options?.identity, 'identity', true)!,
    hash: text(options?.hash, 'hash', true)!,
    name: text(options?.name, 'name', false),
    email: text(options?.email, 'email', false),
    attributes,
  };
}

window.Parley = {
  identify(options) {
    const who = identified(options);
    return calls.run(async () => (await widget).identify(who));
  },
  reset() {
    return calls.run(async () => (await widget).reset());
  },
};

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
  const data = script.dataset;
  const ready = new Widget(readConfig(script, look));
  // The page's script tag may name its signed user (data-identity, data-identity-hash…).
  if (data.identity && data.identityHash)
    void window
      .Parley!.identify({
        identity: data.identity,
        hash: data.identityHash,
        name: data.identityName,
        email: data.identityEmail,
        attributes: data.identityAttributes,
      })
      .catch((error) => console.error('parley widget:', error));
  started(ready);
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
