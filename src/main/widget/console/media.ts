// Attachments through Parley's Media Content Service (docs/media.md), as the SDK reaches it: the
// agent's access token in X-Twilio-Token. Uploads go through XMLHttpRequest, whose upload events
// give the progress bar that fetch cannot; reads ask for the medium each time, because its
// temporary content URL expires after a few minutes.

import type { MediaItem, MediaLimits } from './api';

/** The Media resource's fields the console reads. */
export interface MediaResource extends MediaItem {
  links: { content: string; content_direct_temporary: string };
}

/** A refused file or a failed upload, with the text shown to the agent. */
export class MediaError extends Error {}

const MB = 1024 * 1024;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** Images a browser shows inline; SVG is served as a download (it can hold scripts). */
export function isPreviewable(contentType: string | null | undefined): boolean {
  return /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i.test(contentType ?? '');
}

export class MediaService {
  constructor(
    private readonly serviceSid: string,
    private readonly token: () => string,
    readonly limits: MediaLimits,
  ) {}

  private get base(): string {
    return `/v1/Services/${encodeURIComponent(this.serviceSid)}/Media`;
  }

  /**
   * Why `file` cannot be sent beside `pending` (files already chosen), or null: the server's
   * limits, checked before a byte is sent.
   */
  refusal(file: File, pending: File[]): string | null {
    const l = this.limits;
    if (file.size === 0) return `${file.name} is empty.`;
    if (!accepts(l.accepted_types, file.type))
      return `${file.name}: this type of file is not accepted (${l.accepted_types!.join(', ')}).`;
    if (file.size > l.max_file_bytes)
      return `${file.name} is too large (${formatSize(file.size)}; at most ${formatSize(l.max_file_bytes)} a file).`;
    if (pending.length >= l.max_per_message)
      return `At most ${l.max_per_message} files can go in one message.`;
    const total = pending.reduce((sum, f) => sum + f.size, file.size);
    if (total > l.max_per_message_bytes)
      return `These files are too large together (at most ${formatSize(l.max_per_message_bytes)} a message).`;
    return null;
  }

  /** Uploads `file` (multipart, as a browser's SDK does); `progress` gets 0..1. */
  upload(
    file: File,
    progress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<MediaResource> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const form = new FormData();
      form.append('media', file, file.name);
      xhr.open('POST', `${this.base}?Filename=${encodeURIComponent(file.name)}`);
      xhr.setRequestHeader('X-Twilio-Token', this.token());
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) progress(e.loaded / e.total);
      };
      xhr.onload = () => {
        if (xhr.status === 201) {
          progress(1);
          resolve(xhr.response as MediaResource);
        } else {
          const message = (xhr.response as { message?: string } | null)?.message;
          reject(new MediaError(refusedText(file.name, xhr.status, message)));
        }
      };
      xhr.onerror = () => reject(new MediaError(`${file.name} was not sent; try again.`));
      xhr.onabort = () => reject(new MediaError(`${file.name}: upload cancelled.`));
      signal?.addEventListener('abort', () => xhr.abort());
      xhr.send(form);
    });
  }

  /** The medium, with a fresh temporary content URL. */
  async describe(sid: string): Promise<MediaResource> {
    const response = await fetch(`${this.base}/${encodeURIComponent(sid)}`, {
      headers: { 'X-Twilio-Token': this.token() },
      cache: 'no-store',
    });
    if (!response.ok) throw new MediaError('This file is no longer available.');
    return (await response.json()) as MediaResource;
  }

  /** A fresh temporary content URL for `sid` (the SDK's `getContentTemporaryUrl()`). */
  async contentUrl(sid: string): Promise<string> {
    return (await this.describe(sid)).links.content_direct_temporary;
  }
}

/** Whether `type` is one of `accepted` (`image/png`, a family or everything); no list accepts all. */
export function accepts(accepted: string[] | undefined, type: string): boolean {
  if (!accepted?.length) return true;
  const t = (type || 'application/octet-stream').split(';')[0].trim().toLowerCase();
  const family = `${t.split('/')[0]}/*`;
  return accepted.some((a) => a === '*/*' || a === t || a === family);
}

function refusedText(name: string, status: number, message: string | undefined): string {
  if (status === 413) return `${name} is too large.`;
  if (status === 415) return `${name}: this type of file is not accepted.`;
  return message ? `${name} was refused: ${message}` : `${name} was not sent (HTTP ${status}).`;
}
