// A TCP relay between a client and Parley, so a test can cut the network under a connected SDK
// (no close frame, as when a laptop drops off Wi-Fi) without any help from the server, or make it
// as slow as a distant mobile network.
import net from 'node:net';
import { after } from 'node:test';

/**
 * Starts a relay on 127.0.0.1 to `target` (an http(s) URL). `url` is its own base URL; `cut()`
 * destroys every relayed connection; `block()`/`unblock()` refuse and accept new ones.
 * `hold()` keeps what the server sends, `release()` passes it on in one write, so that frames the
 * server sent apart reach the client in one read, as after a stall of a busy network or client
 * (without `latency` or `kbps` only); `held()` is how many bytes wait.
 *
 * `latency` (ms) holds every chunk that long before passing it on, in each direction; `kbps`
 * (kilobits per second) then sends one direction's chunks one after another at that rate, as a
 * slow link does, so two frames the server writes back to back reach the client apart.
 */
export async function relay(target, { latency = 0, kbps = 0 } = {}) {
  const { hostname, port } = new URL(target);
  const open = new Set();
  let blocked = false;
  let holding = false;
  const waiting = []; // [socket, chunk] the server sent while holding
  const server = net.createServer((inbound) => {
    if (blocked) {
      inbound.destroy();
      return;
    }
    const outbound = net.connect(Number(port), hostname);
    open.add(inbound).add(outbound);
    for (const [from, to] of [[inbound, outbound], [outbound, inbound]]) {
      if (latency > 0 || kbps > 0) {
        const link = slowLink(to, latency, kbps);
        from.on('data', (chunk) => link.send(() => to.write(chunk), chunk.length));
        from.on('end', () => link.send(() => to.end(), 0));
        from.on('close', () => {
          open.delete(from);
          link.send(() => to.destroy(), 0);
        });
      } else if (from === outbound) {
        from.on('data', (chunk) => (holding ? waiting.push([to, chunk]) : to.write(chunk)));
        from.on('end', () => to.end());
        from.on('close', () => {
          open.delete(from);
          to.destroy();
        });
      } else {
        from.pipe(to);
        from.on('close', () => {
          open.delete(from);
          to.destroy();
        });
      }
      from.on('error', () => to.destroy());
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    open.forEach((socket) => socket.destroy());
    server.close();
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut: () => open.forEach((socket) => socket.destroy()),
    block: () => (blocked = true),
    unblock: () => (blocked = false),
    hold: () => (holding = true),
    held: () => waiting.reduce((bytes, [, chunk]) => bytes + chunk.length, 0),
    release: () => {
      holding = false;
      const bySocket = new Map();
      for (const [to, chunk] of waiting.splice(0)) {
        bySocket.set(to, [...(bySocket.get(to) ?? []), chunk]);
      }
      bySocket.forEach((chunks, to) => to.write(Buffer.concat(chunks)));
    },
  };
}

/** One direction of a slow link to `to`: actions run in order, each when its bytes have crossed. */
function slowLink(to, latency, kbps) {
  const queue = [];
  let free = 0; // when the link has sent everything queued so far
  let timer = null;
  function pump() {
    timer = null;
    while (queue.length > 0 && queue[0].at <= performance.now()) {
      const { action } = queue.shift();
      if (!to.destroyed) action();
    }
    if (queue.length > 0) {
      timer = setTimeout(pump, queue[0].at - performance.now());
    }
  }
  return {
    send(action, bytes) {
      const now = performance.now();
      free = Math.max(free, now) + (kbps > 0 ? (bytes * 8) / kbps : 0);
      queue.push({ at: free + latency, action });
      timer ??= setTimeout(pump, queue[0].at - now);
    },
  };
}
