// Media through the unmodified @twilio/conversations SDK (docs/media.md): a guest and an agent
// send files, the other side receives the message's media and downloads them through the
// temporary URLs Parley signs. In Node the SDK uploads raw bytes (`{contentType, filename, media}`);
// browsers' FormData uploads are in media-browser.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PARLEY_URL,
  agentToken,
  conversationsClient,
  guestInit,
  rest,
  waitForEvent,
} from './support/parley.mjs';

let agents = 0;

/** A guest's chat with an agent added through REST, both connected and listening. */
async function chat() {
  const guest = await guestInit({ name: 'Ann' });
  const identity = `media-agent-${process.pid}-${++agents}`;
  const agentClient = await conversationsClient(await agentToken(identity));
  const joined = waitForEvent(agentClient, 'conversationJoined', {
    filter: (c) => c.sid === guest.conversation_sid,
  });
  await rest().conversations.v1.conversations(guest.conversation_sid).participants.create({ identity });
  const agentConversation = await joined;
  const guestClient = await conversationsClient(guest.token);
  const guestConversation = await guestClient.getConversationBySid(guest.conversation_sid);
  await Promise.all([guestConversation.getMessages(), agentConversation.getMessages()]);
  return { guest, identity, guestConversation, agentConversation };
}

/** Bytes that are not text, so a download that mangles encodings shows. */
function png(size = 2048) {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  for (let i = 8; i < size; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

async function download(url) {
  // Absolute, on Parley's origin, and signed: no credentials go with it.
  assert.ok(url.startsWith(`${PARLEY_URL}/v1/Services/IS`), url);
  assert.match(url, /\/Media\/ME[0-9a-f]{32}\/Content\/Direct\?Expires=\d+&Signature=/);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  assert.equal(response.status, 200);
  return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

test('a guest sends a file and the agent receives it and downloads it without credentials', async () => {
  const { guestConversation, agentConversation, guest } = await chat();
  const bytes = png();
  const atAgent = waitForEvent(agentConversation, 'messageAdded');

  await guestConversation.sendMessage({ contentType: 'image/png', filename: 'cat.png', media: bytes });
  const message = await atAgent;
  const [media] = message.attachedMedia;
  const { type, bytes: downloaded } = await download(await media.getContentTemporaryUrl());

  assert.equal(message.author, guest.identity);
  assert.equal(message.type, 'media');
  assert.equal(message.attachedMedia.length, 1);
  assert.match(media.sid, /^ME[0-9a-f]{32}$/);
  assert.equal(media.filename, 'cat.png');
  assert.equal(media.contentType, 'image/png');
  assert.equal(media.size, bytes.length);
  assert.equal(media.category, 'media');
  assert.equal(type, 'image/png');
  assert.deepEqual(downloaded, bytes);
});

test('a prepared message carries its body and every medium added, in order', async () => {
  const { guestConversation, agentConversation, identity } = await chat();
  const pdf = Buffer.from('%PDF-1.7\n% a small document\n');
  const atGuest = waitForEvent(guestConversation, 'messageAdded', {
    filter: (m) => m.author === identity,
  });

  const index = await agentConversation
    .prepareMessage()
    .setBody('Your invoice and a picture')
    .addMedia({ contentType: 'application/pdf', filename: 'invoice.pdf', media: pdf })
    .addMedia({ contentType: 'image/png', filename: 'logo.png', media: png(512) })
    .build()
    .send();
  const message = await atGuest;

  assert.equal(message.index, index);
  assert.equal(message.body, 'Your invoice and a picture');
  assert.deepEqual(
    message.attachedMedia.map((m) => [m.filename, m.contentType, m.size]),
    [
      ['invoice.pdf', 'application/pdf', pdf.length],
      ['logo.png', 'image/png', 512],
    ],
  );
  const { bytes } = await download(await message.attachedMedia[0].getContentTemporaryUrl());
  assert.deepEqual(bytes, pdf);
});

test('the temporary URLs of all a message\'s media come in one batch', async () => {
  const { guestConversation, agentConversation } = await chat();
  const atAgent = waitForEvent(agentConversation, 'messageAdded');
  await guestConversation
    .prepareMessage()
    .addMedia({ contentType: 'text/plain', filename: 'a.txt', media: Buffer.from('first file') })
    .addMedia({ contentType: 'text/plain', filename: 'b.txt', media: Buffer.from('second file') })
    .build()
    .send();
  const message = await atAgent;

  const urls = await message.getTemporaryContentUrlsForMedia(message.attachedMedia);

  assert.equal(urls.size, 2);
  const texts = [];
  for (const media of message.attachedMedia) {
    texts.push((await download(urls.get(media.sid))).bytes.toString());
  }
  assert.deepEqual(texts, ['first file', 'second file']);
});

test('the SDK refuses more media than the server advertises', async () => {
  const { guestConversation } = await chat();
  const builder = guestConversation.prepareMessage();
  for (let i = 0; i < 11; i++) {
    builder.addMedia({ contentType: 'text/plain', filename: `${i}.txt`, media: Buffer.from(`${i}`) });
  }

  assert.throws(() => builder.build(), /Too many media attachments in the message \(11 > 10\)/);
});

test('a participant of another conversation cannot read a medium, even by its SID', async () => {
  const { guestConversation, agentConversation } = await chat();
  const atAgent = waitForEvent(agentConversation, 'messageAdded');
  await guestConversation.sendMessage({ contentType: 'image/png', filename: 'private.png', media: png(64) });
  const sid = (await atAgent).attachedMedia[0].sid;
  const stranger = await chat();
  const strangerMessage = waitForEvent(stranger.agentConversation, 'messageAdded');
  await stranger.guestConversation.sendMessage({ contentType: 'text/plain', media: Buffer.from('mine') });
  const own = await strangerMessage;

  await assert.rejects(own.getTemporaryContentUrlsForMediaSids([sid]));
});
