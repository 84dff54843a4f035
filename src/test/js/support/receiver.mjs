// A webhook receiver on 127.0.0.1 that records every request Parley sends it.
import http from 'node:http';
import { after } from 'node:test';

/** Starts the receiver; `url` is its address, `next(filter)` the first recorded form that passes. */
export async function webhookReceiver() {
  const received = [];
  const waiting = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      received.push(form);
      waiting.filter((w) => w.filter(form)).forEach((w) => w.resolve(form));
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    next(filter, { timeout = 5_000 } = {}) {
      const found = received.find(filter);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const entry = { filter, resolve };
        waiting.push(entry);
        setTimeout(() => reject(new Error(`no matching webhook within ${timeout} ms`)), timeout);
      });
    },
  };
}
