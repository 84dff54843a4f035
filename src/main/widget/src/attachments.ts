// Files the visitor attaches (the attach button, drag and drop, pasted images) and the files of
// messages shown in the log. Files are checked before anything is sent (type, size, count, total,
// against the realtime configuration's limits) and each refusal is said in words; the tray shows
// what will be sent: a thumbnail for an image, else the name, size and type.

import type { ChatMedia } from './chat';
import type { Config } from './config';
import { el, replace } from './dom';

const MB = 1024 * 1024;

/** What the server takes, in files and bytes. */
export interface Limits {
  count: number;
  size: number;
  total: number;
}

/**
 * The conversation's advertised limits (`media_attachments_count_limit` and the sizes in MB of the
 * realtime configuration). A count of 0 means the server takes no files (the attach button stays
 * hidden); a size it does not advertise (0) is Twilio's for web chat: 16 MB each, 64 MB together.
 */
export function limitsOf(
  limits:
    | {
        mediaAttachmentsCountLimit?: number;
        mediaAttachmentSizeLimitInMb?: number;
        mediaAttachmentsTotalSizeLimitInMb?: number;
      }
    | undefined,
): Limits {
  const or = (value: number | undefined, fallback: number) =>
    value !== undefined && value > 0 ? value : fallback;
  return {
    count: Math.max(0, limits?.mediaAttachmentsCountLimit ?? 0),
    size: or(limits?.mediaAttachmentSizeLimitInMb, 16) * MB,
    total: or(limits?.mediaAttachmentsTotalSizeLimitInMb, 64) * MB,
  };
}

/** `14.2 kB`, `16 MB`, in the widget's language. */
export function formatSize(bytes: number, lang: string): string {
  const [unit, value] =
    bytes >= MB
      ? ['megabyte', bytes / MB]
      : bytes >= 1024
        ? ['kilobyte', bytes / 1024]
        : ['byte', bytes];
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(value);
}

/** The file's extension, lower case ('' when it has none). */
export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** What the visitor sees as the type: `PDF`, `PNG`; the media type when the name has no extension. */
export function typeLabel(name: string, contentType: string): string {
  return extension(name).toUpperCase() || contentType || '?';
}

/**
 * Images a browser shows (not SVG: Parley serves it as a download, it can carry script; not HEIC,
 * which browsers do not decode).
 */
export function isInlineImage(contentType: string): boolean {
  return /^image\/(png|jpe?g|gif|webp|bmp|avif)$/i.test(contentType);
}

/** The files waiting to be sent, with their previews, the attach button and the refusals. */
export class AttachmentTray {
  /** The attach button, for the composer. */
  readonly button: HTMLButtonElement;
  /** The list of files and the refusals, shown above the composer. */
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly errors: HTMLElement;
  private files: { file: File; preview: string | undefined }[] = [];
  private enabled = false;

  constructor(
    private readonly config: Config,
    private readonly limits: () => Limits,
    private readonly focusAfterRemove: () => void,
  ) {
    const { t } = config;
    this.input = el('input', {
      type: 'file',
      multiple: true,
      hidden: true,
      tabindex: '-1',
      accept: config.attachmentTypes.map((type) => '.' + type).join(','),
      onchange: () => {
        this.add([...(this.input.files ?? [])]);
        this.input.value = '';
      },
    });
    this.button = el(
      'button',
      {
        type: 'button',
        class: 'attach',
        'aria-label': t.attach,
        title: t.attach,
        onclick: () => this.input.click(),
      },
      paperclip(),
    );
    this.button.hidden = true;
    this.list = el('ul', { class: 'tray', 'aria-label': t.attachments, hidden: true });
    this.errors = el('p', { class: 'error refusals', role: 'alert' });
    this.element = el('div', { class: 'attachments' }, this.errors, this.list, this.input);
  }

  /**
   * Files are taken once the conversation is open and only when the server takes any (its limits
   * are known then).
   */
  enable(): void {
    this.enabled = this.limits().count > 0;
    this.button.hidden = !this.enabled;
  }

  /** The chat is over: no more files. */
  disable(): void {
    this.enabled = false;
    this.button.hidden = true;
    this.clear();
    this.refuse([]);
  }

  /** Whether files can be added now. */
  accepting(): boolean {
    return this.enabled;
  }

  /** Checks `files` and adds those that can be sent; says why for each of the others. */
  add(files: File[]): void {
    if (!this.enabled) return;
    const { t, lang, attachmentTypes } = this.config;
    const limits = this.limits();
    const refusals: string[] = [];
    let total = this.files.reduce((sum, f) => sum + f.file.size, 0);
    for (const file of files) {
      const name = file.name || t.attachment;
      if (!attachmentTypes.includes(extension(name))) refusals.push(t.refusedType(name));
      else if (file.size === 0) refusals.push(t.refusedEmpty(name));
      else if (file.size > limits.size)
        refusals.push(t.refusedSize(name, formatSize(limits.size, lang)));
      else if (this.files.length >= limits.count) refusals.push(t.refusedCount(limits.count));
      else if (total + file.size > limits.total)
        refusals.push(t.refusedTotal(formatSize(limits.total, lang)));
      else {
        total += file.size;
        this.files.push({
          file,
          preview:
            file.type.startsWith('image/') && isInlineImage(file.type)
              ? URL.createObjectURL(file)
              : undefined,
        });
      }
    }
    this.refuse([...new Set(refusals)]);
    this.render();
  }

  /** The files to send, leaving the tray empty. */
  take(): File[] {
    const files = this.files.map((f) => f.file);
    this.clear();
    return files;
  }

  /** Puts back files whose sending failed. */
  restore(files: File[]): void {
    this.add(files);
  }

  isEmpty(): boolean {
    return this.files.length === 0;
  }

  /** Says why files were not taken (or, with an empty list, clears what was said). */
  refuse(refusals: string[]): void {
    replace(this.errors, ...refusals.flatMap((text, i) => (i ? [el('br'), text] : [text])));
  }

  clear(): void {
    for (const { preview } of this.files) if (preview) URL.revokeObjectURL(preview);
    this.files = [];
    this.render();
  }

  private render(): void {
    const { t, lang } = this.config;
    const items = this.files.map((entry) => {
      const { file, preview } = entry;
      const remove = el(
        'button',
        {
          type: 'button',
          class: 'remove',
          'aria-label': t.remove(file.name),
          title: t.remove(file.name),
          onclick: () => {
            if (preview) URL.revokeObjectURL(preview);
            this.files = this.files.filter((f) => f !== entry);
            this.render();
            this.focusAfterRemove();
          },
        },
        '×',
      );
      return el(
        'li',
        { class: 'file' },
        preview
          ? el('img', { class: 'thumb', src: preview, alt: '' })
          : el('span', { class: 'kind', 'aria-hidden': 'true' }, typeLabel(file.name, file.type)),
        el(
          'span',
          { class: 'about' },
          el('span', { class: 'name' }, file.name),
          el(
            'span',
            { class: 'meta' },
            `${typeLabel(file.name, file.type)} · ${formatSize(file.size, lang)}`,
          ),
        ),
        remove,
      );
    });
    replace(this.list, ...items);
    this.list.hidden = items.length === 0;
  }
}

/**
 * A file of a message in the log: an image inline (opening it full size), any other file a link
 * with its name, type and size. Its address is a temporary URL (valid a few minutes): fetched
 * when shown, and again before a link is followed once it may have expired.
 */
export function mediaElement(media: ChatMedia, config: Config): HTMLElement {
  const { t, lang } = config;
  const name = media.filename || t.attachment;
  const link = el('a', {
    class: 'media',
    target: '_blank',
    rel: 'noopener noreferrer',
    'aria-label': t.openFile(name),
  });
  let fetched = 0;
  const load = async () => {
    const url = await media.url();
    // Only ever an http(s) address: the server's temporary URL, never script.
    if (!/^https?:\/\//i.test(url)) return;
    fetched = Date.now();
    link.href = url;
    const image = link.querySelector('img');
    if (image) image.src = url;
  };
  const freshen = () => {
    if (Date.now() - fetched > 4 * 60_000) void load().catch(() => {});
  };
  link.addEventListener('pointerenter', freshen);
  link.addEventListener('focus', freshen);
  if (isInlineImage(media.contentType)) {
    link.classList.add('image');
    link.append(el('img', { alt: name }));
  } else {
    link.classList.add('file');
    link.append(
      el('span', { class: 'kind', 'aria-hidden': 'true' }, typeLabel(name, media.contentType)),
      el(
        'span',
        { class: 'about' },
        el('span', { class: 'name' }, name),
        el(
          'span',
          { class: 'meta' },
          `${typeLabel(name, media.contentType)} · ${formatSize(media.size, lang)}`,
        ),
      ),
    );
  }
  void load().catch(() => {});
  return link;
}

/** The attach button's picture (labelled by aria-label). */
function paperclip(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute(
    'd',
    'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z',
  );
  svg.append(path);
  return svg;
}
