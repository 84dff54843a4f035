// The embedding script tag's data attributes (docs/widget.md), read once at start.

import { language, texts, type Texts } from './i18n';

/**
 * A deployment's look as Parley's `POST /parley/v1/Webchat/Appearance` answers it (set through
 * `/parley/v1/WebchatDeployments`); the page's data attributes win over it.
 */
export interface Appearance {
  color?: string | null;
  title?: string | null;
  greeting?: string | null;
  logo_url?: string | null;
  launcher_position?: string | null;
  availability?: string | null;
  pre_engagement_fields?: { key: string; label: string; required: boolean }[];
  sound?: boolean;
}

export interface Field {
  /** Key in PreEngagementData; `friendlyName` is the visitor's name. */
  key: string;
  label: string;
  type: 'text' | 'email' | 'tel' | 'textarea';
  required: boolean;
  prefilled?: string;
}

export interface Config {
  deploymentKey: string;
  /** Parley's base URL: the origin widget.js was loaded from. */
  origin: string;
  lang: string;
  t: Texts;
  title: string;
  greeting: string;
  color: string;
  position: 'left' | 'right';
  fields: Field[];
  maskAgentNames: boolean;
  /** An https image shown in the header, or undefined. */
  logoUrl: string | undefined;
  /** The line under the title ("We reply in a few minutes"), or undefined. */
  availability: string | undefined;
  /** Whether a message from the others plays a short chime while the panel is closed or hidden. */
  sound: boolean;
  /** Whether the visitor may attach files (`data-attachments="false"` turns it off). */
  attachments: boolean;
  /** File name extensions the visitor may attach, lower case, without the dot. */
  attachmentTypes: string[];
}

/**
 * Twilio's Webchat defaults (its `fileAttachment.acceptedExtensions`), and WebP, which every
 * current browser shows inline.
 */
export const DEFAULT_ATTACHMENT_TYPES = [
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'heic',
  'pdf',
  'txt',
  'mp3',
  'mp4',
  'amr',
];

const KNOWN = { email: 'email', phone: 'tel', query: 'textarea' } as const;

export function readConfig(script: HTMLScriptElement, look: Appearance = {}): Config {
  const data = script.dataset;
  const deploymentKey = data.deploymentKey?.trim();
  if (!deploymentKey) throw new Error('parley widget: the script tag needs data-deployment-key');
  const lang = language(data.lang);
  const t = texts(lang);
  // The deployment's fields, when the page names none of its own.
  const deployed = new Map((look.pre_engagement_fields ?? []).map((f) => [f.key, f]));
  const label = (key: string): string =>
    data[camel(`label-${key}`)] ??
    deployed.get(key)?.label ??
    (key in KNOWN ? t[key as keyof typeof KNOWN] : key);
  const prefilled = (key: string): string | undefined =>
    data[camel(`prefill-${key === 'friendlyName' ? 'name' : key}`)]?.trim() || undefined;

  const fields: Field[] = [
    {
      key: 'friendlyName',
      label: data.labelName ?? deployed.get('friendlyName')?.label ?? t.name,
      type: 'text',
      required:
        data.nameRequired !== undefined
          ? data.nameRequired !== 'false'
          : (deployed.get('friendlyName')?.required ?? true),
      prefilled: prefilled('friendlyName'),
    },
  ];
  // data-fields="email*, phone, query": more fields, `*` marks a required one.
  const specs =
    data.fields ??
    [...deployed.values()]
      .filter((f) => f.key !== 'friendlyName')
      .map((f) => f.key + (f.required ? '*' : ''))
      .join(',');
  for (const item of specs.split(',')) {
    const spec = item.trim();
    if (!spec) continue;
    const required = spec.endsWith('*');
    const key = required ? spec.slice(0, -1).trim() : spec;
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key) || key === 'friendlyName') continue;
    fields.push({
      key,
      label: label(key),
      type: KNOWN[key as keyof typeof KNOWN] ?? 'text',
      required,
      prefilled: prefilled(key),
    });
  }
  return {
    deploymentKey,
    origin: new URL(script.src, location.href).origin,
    lang,
    t,
    title: data.title ?? look.title ?? t.title,
    greeting: data.greeting ?? look.greeting ?? t.greeting,
    color: [data.color, look.color].find((c) => /^#[0-9a-fA-F]{6}$/.test(c ?? '')) ?? '#0b5cad',
    position: (data.position ?? look.launcher_position) === 'left' ? 'left' : 'right',
    logoUrl: [data.logo, look.logo_url].find((url) => /^https:\/\//i.test(url ?? '')) ?? undefined,
    availability: data.availability ?? look.availability ?? undefined,
    sound: data.sound !== undefined ? data.sound === 'true' : look.sound === true,
    fields,
    maskAgentNames: data.maskAgentNames === 'true',
    attachments: data.attachments !== 'false',
    attachmentTypes: attachmentTypes(data.attachmentTypes),
  };
}

/** `data-attachment-types="pdf, .png, JPG"`: extensions; none valid means the defaults. */
function attachmentTypes(spec: string | undefined): string[] {
  const types = (spec ?? '')
    .split(',')
    .map((type) => type.trim().replace(/^\./, '').toLowerCase())
    .filter((type) => /^[a-z0-9]{1,10}$/.test(type));
  return types.length ? [...new Set(types)] : DEFAULT_ATTACHMENT_TYPES;
}

/** `prefill-email` → `prefillEmail`, as `dataset` names `data-prefill-email`. */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
