// Media from a browser, as Twilio's web chat React app sends them: the unmodified SDK bundle
// (builds/twilio-conversations.js) on a page of another origin uploads FormData (one file per
// FormData, named after the file, as the app's MessageInput does) through the CORS preflight for
// X-Twilio-Token, and fetches the temporary URL cross-origin, as the app's transcript download does.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './support/browser.mjs';
import {
  PARLEY_URL,
  TWILSOCK_URL,
  agentToken,
  conversationsClient,
  guestInit,
  rest,
  waitForEvent,
} from './support/parley.mjs';

const SDK = fileURLToPath(
  new URL('./node_modules/@twilio/conversations/builds/twilio-conversations.js', import.meta.url),
);
const WAIT = 20_000;
const browser = await launchChromium();
after(() => browser?.close());

/** A guest's page on another origin with the SDK loaded and connected; the agent, in Node. */
async function chat() {
  const guest = await guestInit({ name: 'Bo' });
  const identity = `media-browser-agent-${process.pid}-${Date.now()}`;
  const agentClient = await conversationsClient(await agentToken(identity));
  const joined = waitForEvent(agentClient, 'conversationJoined', {
    filter: (c) => c.sid === guest.conversation_sid,
  });
  await rest().conversations.v1.conversations(guest.conversation_sid).participants.create({ identity });
  const agentConversation = await joined;
  await agentConversation.getMessages();

  // Another port is another origin; the route answers it, nothing listens there.
  const hostUrl = new URL(PARLEY_URL);
  hostUrl.port = String(Number(hostUrl.port) + 1);
  const host = hostUrl.origin;
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.route(`${host}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Shop</title>' }),
  );
  await page.goto(`${host}/`);
  await page.addScriptTag({ path: SDK });
  await page.evaluate(
    async ({ token, uri, sid }) => {
      const client = new window.Twilio.Conversations.Client(token, { Twilsock: { uri }, logLevel: 'silent' });
      await new Promise((resolve, reject) => {
        client.on('stateChanged', (state) => state === 'initialized' && resolve());
        client.on('initFailed', ({ error }) => reject(new Error(String(error?.message ?? error))));
      });
      window.conversation = await client.getConversationBySid(sid);
      await window.conversation.getMessages();
    },
    { token: guest.token, uri: TWILSOCK_URL, sid: guest.conversation_sid },
  );
  return { page, agentConversation, close: () => context.close() };
}

/** In the page: a File of `size` bytes, each byte its index mod 251, so a mangled byte shows. */
const FILE = `(name, type, size) => new File(
  [Uint8Array.from({ length: size }, (_, i) => i % 251)], name, { type })`;

function expectedBytes(size) {
  return Buffer.from(Uint8Array.from({ length: size }, (_, i) => i % 251));
}

test('the web chat app\'s attach path: prepareMessage with FormData media reaches the agent intact', async (t) => {
  const { page, agentConversation, close } = await chat();
  t.after(close);
  const atAgent = waitForEvent(agentConversation, 'messageAdded', { timeout: WAIT });

  await page.evaluate(`(async () => {
    const file = (${FILE})('cat.png', 'image/png', 70000);
    const formData = new FormData();
    formData.append(file.name, file);
    return window.conversation.prepareMessage().setBody('see attached').addMedia(formData).build().send();
  })()`);
  const message = await atAgent;

  assert.equal(message.body, 'see attached');
  const [media] = message.attachedMedia;
  assert.equal(media.filename, 'cat.png');
  assert.equal(media.contentType, 'image/png');
  assert.equal(media.size, 70000);
  const response = await fetch(await media.getContentTemporaryUrl());
  assert.deepEqual(Buffer.from(await response.arrayBuffer()), expectedBytes(70000));
});

test('sendMessage(formData) from a browser sends a media message', async (t) => {
  const { page, agentConversation, close } = await chat();
  t.after(close);
  const atAgent = waitForEvent(agentConversation, 'messageAdded', { timeout: WAIT });

  await page.evaluate(`(async () => {
    const formData = new FormData();
    formData.append('file', (${FILE})('report.pdf', 'application/pdf', 1234));
    return window.conversation.sendMessage(formData);
  })()`);
  const message = await atAgent;

  assert.deepEqual(
    message.attachedMedia.map((m) => [m.filename, m.contentType, m.size]),
    [['report.pdf', 'application/pdf', 1234]],
  );
});

test('a page of another origin downloads a received medium through its temporary URL, as the transcript does', async (t) => {
  const { page, agentConversation, close } = await chat();
  t.after(close);
  const atGuest = page.evaluate(
    () =>
      new Promise((resolve) =>
        window.conversation.on('messageAdded', async (message) => {
          const url = await message.attachedMedia[0].getContentTemporaryUrl();
          const response = await fetch(url);
          const bytes = new Uint8Array(await response.arrayBuffer());
          resolve({ status: response.status, type: response.headers.get('content-type'), bytes: Array.from(bytes) });
        }),
      ),
  );

  await agentConversation.sendMessage({
    contentType: 'text/plain',
    filename: 'notes.txt',
    media: Buffer.from('Your order ships Monday'),
  });
  const downloaded = await atGuest;

  assert.equal(downloaded.status, 200);
  assert.equal(downloaded.type, 'text/plain');
  assert.equal(Buffer.from(downloaded.bytes).toString(), 'Your order ships Monday');
});
