// A TCP relay between a client and Parley, so a test can cut the network under a connected SDK
// (no close frame, as when a laptop drops off Wi-Fi) without any help from the server.
import net from 'node:net';
import { after } from 'node:test';

/**
 * Starts a relay on 127.0.0.1 to `target` (an http(s) URL). `url` is its own base URL; `cut()`
 * destroys every relayed connection; `block()`/`unblock()` refuse and accept new ones.
 */
export async function relay(target) {
  const { hostname, port } = new URL(target);
  const open = new Set();
  let blocked = false;
  const server = net.createServer((inbound) => {
    if (blocked) {
      inbound.destroy();
      return;
    }
    const outbound = net.connect(Number(port), hostname);
    open.add(inbound).add(outbound);
    for (const [from, to] of [[inbound, outbound], [outbound, inbound]]) {
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        open.delete(from);
        to.destroy();
      });
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
  };
}
