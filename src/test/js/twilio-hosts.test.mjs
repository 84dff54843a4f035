// Twilio host mode (docs/twilio-hosts.md): the unmodified `twilio` library and @twilio/conversations
// SDK with their DEFAULT options (no httpClient, no Twilsock URI) reach Parley as Twilio's own
// hostnames, over TLS with the local CA. The first import maps the names, as a hosts file would.
import { connectedHosts } from './support/twilio-hosts.mjs';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import twilio from 'twilio';
import { Client } from '@twilio/conversations';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { waitForEvent } from './support/parley.mjs';
import { launchChromium } from './support/browser.mjs';

const { AccessToken } = twilio.jwt;
const { ChatGrant } = AccessToken;

// No options: https://flex-api.twilio.com, https://conversations.twilio.com, https://api.twilio.com.
const client = twilio(process.env.PARLEY_ACCOUNT_SID, process.env.PARLEY_AUTH_TOKEN);

async function webChat(name) {
  const addresses = await client.conversations.v1.addressConfigurations.list({ type: 'chat' });
  return client.flexApi.v2.webChannels.create({
    addressSid: addresses.find((a) => a.address === 'parley:default-chat').sid,
    chatFriendlyName: 'Host mode',
    customerFriendlyName: name,
    preEngagementData: JSON.stringify({ friendlyName: name }),
  });
}

/** An access token as the React app's server mints it: an API key of the account, a ChatGrant. */
async function token(identity) {
  const [key, configuration] = await Promise.all([
    client.newKeys.create({ friendlyName: 'host mode' }),
    client.conversations.v1.configuration().fetch(),
  ]);
  const jwt = new AccessToken(process.env.PARLEY_ACCOUNT_SID, key.sid, key.secret, { identity, ttl: 600 });
  jwt.addGrant(new ChatGrant({ serviceSid: configuration.defaultChatServiceSid }));
  return jwt.toJwt();
}

/** The SDK as an app constructs it, no options: wss://tsock.us1.twilio.com/v3/wsconnect. */
async function sdk(identity) {
  const sdkClient = new Client(await token(identity), { logLevel: 'silent' });
  after(() => Promise.race([sdkClient.shutdown().catch(() => {}), delay(2_000, null, { ref: false })]));
  if (sdkClient.state !== 'initialized') {
    await waitForEvent(sdkClient, 'stateChanged', { timeout: 15_000, filter: (s) => s === 'initialized' });
  }
  return sdkClient;
}

test('twilio-node with default options creates a web chat and its answers name Twilio hosts', async () => {
  const chat = await webChat('Ann');

  const message = await client.conversations.v1
    .conversations(chat.conversationSid)
    .messages.create({ author: chat.identity, body: 'Hi over TLS' });

  assert.match(chat.conversationSid, /^CH[0-9a-f]{32}$/);
  assert.equal(
    message.url,
    `https://conversations.twilio.com/v1/Conversations/${chat.conversationSid}/Messages/${message.sid}`,
  );
  assert.ok(connectedHosts.includes('flex-api.twilio.com'));
  assert.ok(connectedHosts.includes('conversations.twilio.com'));
});

test('the Conversations SDK with default options exchanges messages with an agent', async () => {
  const chat = await webChat('Bea');
  await client.conversations.v1
    .conversations(chat.conversationSid)
    .participants.create({ identity: 'agent-host-mode' });
  const [visitor, agent] = await Promise.all([sdk(chat.identity), sdk('agent-host-mode')]);
  const visitorSide = await visitor.getConversationBySid(chat.conversationSid);
  const agentSide = await agent.getConversationBySid(chat.conversationSid);

  const atAgent = waitForEvent(agentSide, 'messageAdded', { timeout: 10_000 });
  await visitorSide.sendMessage('Hello from the visitor');
  const atVisitor = waitForEvent(visitorSide, 'messageAdded', {
    timeout: 10_000,
    filter: (m) => m.author === 'agent-host-mode',
  });
  await agentSide.sendMessage('Hello, how can I help?');

  assert.equal((await atAgent).body, 'Hello from the visitor');
  assert.equal((await atVisitor).body, 'Hello, how can I help?');
  assert.ok(connectedHosts.includes('tsock.us1.twilio.com'));
});

test("the SDK uploads media to mcs.us1.twilio.com, where the service's links send it", async () => {
  const chat = await webChat('Cleo');
  const visitor = await sdk(chat.identity);
  const conversation = await visitor.getConversationBySid(chat.conversationSid);
  const before = connectedHosts.length;

  await conversation.sendMessage({ contentType: 'text/plain', filename: 'note.txt', media: Buffer.from('hello') });

  const [message] = await client.conversations.v1
    .conversations(chat.conversationSid)
    .messages.list({ order: 'desc', limit: 1 });
  assert.equal(message.media[0].filename, 'note.txt');
  assert.ok(connectedHosts.slice(before).includes('mcs.us1.twilio.com'), connectedHosts.join(' '));
});

test('the SDK in Chromium, default options, reaches Parley through --host-resolver-rules', async () => {
  // What ./parley trust prints for Chromium: the hostnames mapped to Parley's TLS port, and the
  // server certificate's key trusted for this session (a fresh profile has no CA store to add to).
  const serverPem = readFileSync(join(dirname(process.env.NODE_EXTRA_CA_CERTS), 'server.pem'), 'utf8');
  const spki = createHash('sha256')
    .update(new X509Certificate(serverPem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  const browser = await launchChromium([
    `--host-resolver-rules=MAP *.twilio.com 127.0.0.1:${process.env.PARLEY_TWILIO_HOSTS_PORT}`,
    `--ignore-certificate-errors-spki-list=${spki}`,
  ]);
  after(() => browser.close());
  const chat = await webChat('Dee');
  const page = await browser.newPage();
  await page.goto(`${process.env.PARLEY_URL}/healthz`);
  await page.addScriptTag({ path: 'node_modules/@twilio/conversations/builds/twilio-conversations.min.js' });

  await page.evaluate(
    async ({ token, conversationSid }) => {
      const client = new Twilio.Conversations.Client(token, { logLevel: 'silent' });
      await new Promise((resolve, reject) => {
        client.on('stateChanged', (state) => state === 'initialized' && resolve());
        client.on('initFailed', ({ error }) => reject(new Error(String(error?.message ?? error))));
        setTimeout(() => reject(new Error('not initialized within 15 s')), 15_000);
      });
      const conversation = await client.getConversationBySid(conversationSid);
      await conversation.sendMessage('Hello from Chromium');
    },
    { token: await token(chat.identity), conversationSid: chat.conversationSid },
  );

  const [message] = await client.conversations.v1
    .conversations(chat.conversationSid)
    .messages.list({ order: 'desc', limit: 1 });
  assert.equal(message.body, 'Hello from Chromium');
});
