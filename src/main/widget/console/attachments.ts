// Attachments in the console: the files a message carries (an image inline, any other file by
// name, size and type with Open and Download), and the files the agent is about to send (chosen
// with the attach button, dropped on the chat or pasted, each uploaded at once with a progress bar
// and a clear error when it is refused).

import type { MediaItem } from './api';
import { formatSize, isPreviewable, MediaError, type MediaService } from './media';
import { el, replace } from '../src/dom';

/** A short, readable type: "PDF", "PNG image", else the MIME type. */
export function typeLabel(contentType: string | null | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  if (type === 'application/pdf') return 'PDF';
  const image = /^image\/([a-z0-9.+-]+)$/.exec(type);
  if (image) return `${image[1].replace('jpeg', 'jpg').toUpperCase()} image`;
  return type || 'file';
}

/** A small box with the file's extension (PDF, ZIP…), in place of an icon font. */
function fileBadge(filename: string): HTMLElement {
  const extension = /\.([a-z0-9]{1,4})$/i.exec(filename)?.[1] ?? 'file';
  return el('span', { class: 'file-icon', 'aria-hidden': 'true' }, extension.toUpperCase());
}

/** Opens the medium in a new tab with a fresh temporary URL (they expire after minutes). */
async function openMedium(media: MediaService, sid: string): Promise<void> {
  window.open(await media.contentUrl(sid), '_blank', 'noopener,noreferrer');
}

/** Saves the medium under its file name. */
async function downloadMedium(media: MediaService, sid: string, filename: string): Promise<void> {
  const link = el('a', { href: await media.contentUrl(sid), download: filename });
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The media of one message. `known` may lack the type (the SDK's copy): the medium is read from
 * the Media Content Service, which also gives the temporary URL an image preview needs.
 */
export function attachmentList(known: MediaItem[], media: MediaService): HTMLElement {
  const list = el('ul', { class: 'attachments' });
  for (const item of known) {
    const line = el(
      'li',
      { class: 'attachment loading', 'data-media-sid': item.sid },
      item.filename ?? 'Attachment',
    );
    list.append(line);
    void media
      .describe(item.sid)
      .then((m) => replace(line, ...attachmentBody(m, m.links.content_direct_temporary, media)))
      .catch(() => replace(line, `${item.filename ?? 'Attachment'}: no longer available`))
      .finally(() => line.classList.remove('loading'));
  }
  return list;
}

function attachmentBody(m: MediaItem, url: string, media: MediaService): HTMLElement[] {
  const name = m.filename || 'Attachment';
  const meta = el(
    'span',
    { class: 'meta' },
    `${typeLabel(m.content_type)} · ${formatSize(m.size)}`,
  );
  const download = el(
    'button',
    {
      type: 'button',
      class: 'download',
      'aria-label': `Download ${name}`,
      onclick: () => void downloadMedium(media, m.sid, name),
    },
    'Download',
  );
  if (isPreviewable(m.content_type)) {
    return [
      el(
        'button',
        {
          type: 'button',
          class: 'preview-image',
          'aria-label': `Open image ${name}`,
          onclick: () => void openMedium(media, m.sid),
        },
        el('img', { class: 'thumb', src: url, alt: name }),
      ),
      el('span', { class: 'name' }, name),
      meta,
      download,
    ];
  }
  return [
    fileBadge(name),
    el('span', { class: 'name' }, name),
    meta,
    el(
      'button',
      {
        type: 'button',
        class: 'open',
        'aria-label': `Open ${name}`,
        onclick: () => void openMedium(media, m.sid),
      },
      'Open',
    ),
    download,
  ];
}

interface Pending {
  file: File;
  item: HTMLLIElement;
  upload: Promise<string>;
  abort: AbortController;
}

/** The files chosen for the next message, uploaded as soon as they are chosen. */
export class PendingFiles {
  readonly element = el('ul', { class: 'pending', 'aria-label': 'Files to send' });
  /** Read out at once: why a file was refused. */
  readonly errors = el('p', { class: 'attach-error', role: 'alert' });
  private pending: Pending[] = [];

  constructor(private readonly media: MediaService) {}

  get count(): number {
    return this.pending.length;
  }

  add(files: Iterable<File>): void {
    this.errors.textContent = '';
    const refused: string[] = [];
    for (const file of files) {
      const why = this.media.refusal(
        file,
        this.pending.map((p) => p.file),
      );
      if (why) refused.push(why);
      else this.start(file);
    }
    if (refused.length) this.errors.textContent = refused.join(' ');
  }

  /** The ME SIDs of every file, once all are uploaded; throws the first refusal. */
  async sids(): Promise<string[]> {
    return Promise.all(this.pending.map((p) => p.upload));
  }

  clear(): void {
    this.pending = [];
    replace(this.element);
  }

  private start(file: File): void {
    const progress = el('progress', {
      max: '1',
      value: '0',
      'aria-label': `Uploading ${file.name}`,
    });
    const abort = new AbortController();
    const preview = isPreviewable(file.type)
      ? el('img', { class: 'thumb', src: URL.createObjectURL(file), alt: '' })
      : fileBadge(file.name);
    const item = el(
      'li',
      { class: 'pending-file uploading' },
      preview,
      el('span', { class: 'name' }, file.name),
      el('span', { class: 'meta' }, `${typeLabel(file.type)} · ${formatSize(file.size)}`),
      progress,
    );
    const entry: Pending = {
      file,
      item,
      abort,
      upload: this.media
        .upload(file, (f) => (progress.value = f), abort.signal)
        .then((m) => {
          item.classList.remove('uploading');
          item.classList.add('uploaded');
          return m.sid;
        })
        .catch((e: unknown) => {
          item.classList.remove('uploading');
          item.classList.add('failed');
          const text = e instanceof MediaError ? e.message : `${file.name} was not sent.`;
          this.errors.textContent = text;
          progress.replaceWith(el('span', { class: 'failed-text' }, text));
          throw e;
        }),
    };
    entry.upload.catch(() => {});
    item.append(
      el(
        'button',
        {
          type: 'button',
          class: 'remove',
          'aria-label': `Remove ${file.name}`,
          onclick: () => this.remove(entry),
        },
        '×',
      ),
    );
    this.pending.push(entry);
    this.element.append(item);
  }

  private remove(entry: Pending): void {
    entry.abort.abort();
    entry.item.remove();
    this.pending = this.pending.filter((p) => p !== entry);
    const img = entry.item.querySelector('img');
    if (img) URL.revokeObjectURL(img.src);
    if (!this.pending.some((p) => p.item.classList.contains('failed')))
      this.errors.textContent = '';
  }
}
