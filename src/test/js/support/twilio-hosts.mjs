// Twilio host mode's two machine settings, for this Node process only (docs/twilio-hosts.md). A
// user's machine sends Twilio's hostnames to Parley with a hosts-file line, and Parley listens on
// 443; the tests' Parley listens on a random port and the test machine's hosts file is not ours to
// change. So every TLS connection to *.twilio.com on port 443 goes to 127.0.0.1 on
// PARLEY_TWILIO_HOSTS_PORT instead, still naming the Twilio host in its SNI and still checking the
// certificate against it. The local CA comes in through NODE_EXTRA_CA_CERTS, as on a user's machine.
// Import it before the clients (or run node with --import ./support/twilio-hosts.mjs). Node's https
// (twilio-node's axios, the SDK's media uploads) and ws (the SDK's Twilsock) both open their
// sockets through tls.connect(options), the only form handled here.
import tls from 'node:tls';

const port = Number(process.env.PARLEY_TWILIO_HOSTS_PORT);
if (!port) {
  throw new Error('PARLEY_TWILIO_HOSTS_PORT is not set; run through JavaScriptClientsTest');
}

/** Every Twilio hostname this process connected to, in order: what a test may assert on. */
export const connectedHosts = [];

const isTwilio = (host) => typeof host === 'string' && /(^|\.)twilio\.com\.?$/i.test(host);
const connect = tls.connect;

tls.connect = function (options, ...rest) {
  if (options && typeof options === 'object' && isTwilio(options.host) && Number(options.port ?? 443) === 443) {
    connectedHosts.push(options.host);
    options = { ...options, host: '127.0.0.1', port, servername: options.servername || options.host };
  }
  return connect.call(this, options, ...rest);
};
