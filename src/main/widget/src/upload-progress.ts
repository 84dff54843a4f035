// Upload progress for the SDK's own media uploads. The SDK (its Media Content Service client)
// uploads with XMLHttpRequest and tells nobody how far it got; build.mjs points that client at
// this subclass instead of the page's XMLHttpRequest (nothing of the page is changed), and the
// widget listens while it sends one message's files. Uploads of one message run one after another.

type Listener = (request: XMLHttpRequest, loaded: number, total: number) => void;

let listener: Listener | undefined;

/** Reports the progress of every upload (a request with a body) until the returned function is called. */
export function onUploadProgress(report: Listener): () => void {
  listener = report;
  return () => {
    if (listener === report) listener = undefined;
  };
}

export class UploadXHR extends XMLHttpRequest {
  send(body?: Document | XMLHttpRequestBodyInit | null): void {
    const report = listener;
    // GETs (temporary URLs) and JSON lookups are not uploads; a FormData or Blob body is.
    if (report && (body instanceof FormData || body instanceof Blob)) {
      this.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) report(this, event.loaded, event.total);
      });
    }
    super.send(body);
  }
}
