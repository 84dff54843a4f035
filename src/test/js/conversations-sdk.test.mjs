// The unmodified @twilio/conversations SDK against Parley's realtime endpoint: a Webchat guest and
// an agent with a helper-library token, each with only the Twilsock.uri option set.
import { after, test } from 'node:test';
import { Client } from '@twilio/conversations';
import assert from 'node:assert/strict';
import { relay } from './support/proxy.mjs';
import { webhookReceiver } from './support/receiver.mjs';
import {
  PARLEY_URL,
  TWILSOCK_URL,
  agentToken,
  apiKey,
  conversationsClient,
  guestInit,
  rest,
  twilsockUrlOf,
  waitForEvent,
} from './support/parley.mjs';

let agents = 0;

/** A guest's chat with an agent added to it through REST (as a Flex task would), both connected. */
async function chat() {
  const guest = await guestInit({ name: 'Ann', preEngagementData: { topic: 'billing' } });
  const identity = `agent-${process.pid}-${++agents}`;
  const agentClient = await conversationsClient(await agentToken(identity));
  const joined = waitForEvent(agentClient, 'conversationJoined', {
    filter: (c) => c.sid === guest.conversation_sid,
  });
  await rest().conversations.v1.conversations(guest.conversation_sid).participants.create({ identity });
  const agentConversation = await joined;
  const guestClient = await conversationsClient(guest.token);
  const guestConversation = await guestClient.getConversationBySid(guest.conversation_sid);
  // Both sides have opened the message list: what is posted from now on arrives as new messages.
  await Promise.all([guestConversation.getMessages(), agentConversation.getMessages()]);
  return { guest, identity, guestClient, agentClient, guestConversation, agentConversation };
}

test('a guest sees its own conversation with its pre-engagement data', async () => {
  const guest = await guestInit({ name: 'Bea', preEngagementData: { topic: 'returns' } });

  const client = await conversationsClient(guest.token);
  const conversation = await client.getConversationBySid(guest.conversation_sid);

  assert.equal(client.user.identity, guest.identity);
  assert.equal(client.user.friendlyName, 'Bea');
  assert.deepEqual(conversation.attributes.pre_engagement_data, { topic: 'returns' });
  const subscribed = await client.getSubscribedConversations();
  assert.deepEqual(subscribed.items.map((c) => c.sid), [guest.conversation_sid]);
});

test('a guest message reaches the agent live, and the agent reply reaches the guest', async () => {
  const { guestConversation, agentConversation, identity, guest } = await chat();

  const atAgent = waitForEvent(agentConversation, 'messageAdded');
  const index = await guestConversation.sendMessage('Hello, my order is late', { order: 42 });
  const received = await atAgent;
  const atGuest = waitForEvent(guestConversation, 'messageAdded', {
    filter: (m) => m.author === identity,
  });
  await agentConversation.sendMessage('Sorry! Looking into it.');
  const reply = await atGuest;

  assert.equal(received.body, 'Hello, my order is late');
  assert.equal(received.author, guest.identity);
  assert.equal(received.index, index);
  assert.deepEqual(received.attributes, { order: 42 });
  assert.equal(reply.body, 'Sorry! Looking into it.');
});

test('a message posted through REST arrives live at a connected client', async () => {
  const { guestConversation, guest } = await chat();
  const arrived = waitForEvent(guestConversation, 'messageAdded');

  await rest()
    .conversations.v1.conversations(guest.conversation_sid)
    .messages.create({ author: 'system', body: 'An agent will be with you shortly' });

  assert.equal((await arrived).body, 'An agent will be with you shortly');
});

test('message history pages backwards from the newest', async () => {
  const { guestConversation, guest } = await chat();
  const messages = rest().conversations.v1.conversations(guest.conversation_sid).messages;
  // A page shows what the client has acknowledged hearing of (docs/realtime-protocol.md §4.5).
  const told = waitForEvent(guestConversation, 'messageAdded', {
    filter: (m) => m.body === 'message 34',
    timeout: 30_000,
  });
  for (let i = 0; i < 35; i++) {
    await messages.create({ author: guest.identity, body: `message ${i}` });
  }
  await told;

  const newest = await guestConversation.getMessages(30);
  const older = await newest.prevPage();

  assert.equal(newest.items.length, 30);
  assert.equal(newest.items.at(-1).body, 'message 34');
  assert.equal(newest.hasPrevPage, true);
  assert.deepEqual(older.items.map((m) => m.body), ['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
  assert.equal(older.hasPrevPage, false);
});

test('typing by the guest is seen by the agent', async () => {
  const { guestConversation, agentConversation, guest } = await chat();
  const started = waitForEvent(agentConversation, 'typingStarted');

  await guestConversation.typing();

  assert.equal((await started).identity, guest.identity);
});

test('the guest read horizon is visible through REST and to the agent', async () => {
  const { guestConversation, agentConversation, guest } = await chat();
  const message = waitForEvent(guestConversation, 'messageAdded');
  await agentConversation.sendMessage('Anything else?');
  await message;
  const seen = waitForEvent(agentConversation, 'participantUpdated', {
    filter: ({ participant, updateReasons }) =>
      participant.identity === guest.identity && updateReasons.includes('lastReadMessageIndex'),
  });

  await guestConversation.setAllMessagesRead();

  const { participant } = await seen;
  assert.equal(participant.lastReadMessageIndex, 0);
  const viaRest = await rest()
    .conversations.v1.conversations(guest.conversation_sid)
    .participants(participant.sid)
    .fetch();
  assert.equal(viaRest.lastReadMessageIndex, 0);
  assert.equal(await guestConversation.getUnreadMessagesCount(), 0);
});

test('conversation attributes changed by the agent reach the guest', async () => {
  const { guestConversation, agentConversation } = await chat();
  const updated = waitForEvent(guestConversation, 'updated', {
    filter: ({ updateReasons }) => updateReasons.includes('attributes'),
  });

  await agentConversation.updateAttributes({ ...agentConversation.attributes, priority: 'high' });

  await updated;
  assert.equal(guestConversation.attributes.priority, 'high');
});

test('a user friendly name change is seen by the other side', async () => {
  const { guestClient, agentConversation, guest } = await chat();
  const participant = (await agentConversation.getParticipants()).find((p) => p.identity === guest.identity);
  const user = await participant.getUser();
  const renamed = waitForEvent(user, 'updated', { filter: ({ updateReasons }) => updateReasons.includes('friendlyName') });

  await guestClient.user.updateFriendlyName('Ann B.');

  await renamed;
  assert.equal(user.friendlyName, 'Ann B.');
});

test('a guest cannot open another visitor conversation', async () => {
  const first = await guestInit({ name: 'Cai' });
  const second = await guestInit({ name: 'Dee' });
  const client = await conversationsClient(second.token);

  await assert.rejects(client.peekConversationBySid(first.conversation_sid), (e) => e.body?.code === 50430);
  const own = await client.getSubscribedConversations();
  assert.deepEqual(own.items.map((c) => c.sid), [second.conversation_sid]);
});

test('a participant leaving is seen by the others', async () => {
  const { guestConversation, agentConversation, identity } = await chat();
  const left = waitForEvent(guestConversation, 'participantLeft');

  await agentConversation.leave();

  assert.equal((await left).identity, identity);
});

test('a renewed token keeps the connection working', async () => {
  const { agentClient, agentConversation, identity, guestConversation } = await chat();
  const arrived = waitForEvent(guestConversation, 'messageAdded');

  await agentClient.updateToken(await agentToken(identity, { ttl: 7200 }));
  await agentConversation.sendMessage('still here');

  assert.equal((await arrived).body, 'still here');
});

test('a client that loses its connection catches up on reconnect, each message once', async () => {
  const { guest, agentConversation } = await chat();
  const network = await relay(PARLEY_URL);
  const client = await conversationsClient(guest.token, { twilsockUrl: twilsockUrlOf(network.url) });
  const conversation = await client.getConversationBySid(guest.conversation_sid);
  await conversation.getMessages();
  const received = [];
  conversation.on('messageAdded', (m) => received.push(m.body));
  const lost = waitForEvent(client, 'connectionStateChanged', { filter: (s) => s !== 'connected' });

  network.block();
  network.cut();
  await lost;
  for (const body of ['one', 'two', 'three']) {
    await agentConversation.sendMessage(body);
  }
  const back = waitForEvent(client, 'connectionStateChanged', { filter: (s) => s === 'connected', timeout: 15_000 });
  network.unblock();
  await back;
  const live = waitForEvent(conversation, 'messageAdded', { filter: (m) => m.body === 'four', timeout: 10_000 });
  await agentConversation.sendMessage('four');
  await live;

  assert.deepEqual(received, ['one', 'two', 'three', 'four']);
});

test('an agent cannot get or peek at a chat it is not in: 403 with 50430, as Twilio', async () => {
  const guest = await guestInit({ name: 'Eve' });
  const identity = `agent-${process.pid}-${++agents}`;
  const client = await conversationsClient(await agentToken(identity));
  const notAMember = (e) => e.status === 403 && e.body?.code === 50430;

  await assert.rejects(client.peekConversationBySid(guest.conversation_sid), notAMember);
  await assert.rejects(client.getConversationBySid(guest.conversation_sid), notAMember);

  const participants = await rest().conversations.v1.conversations(guest.conversation_sid).participants.list();
  assert.deepEqual(participants.map((p) => p.identity), [guest.identity]);
});

test('a guest cannot join another visitor conversation', async () => {
  const first = await guestInit({ name: 'Fay' });
  const second = await guestInit({ name: 'Gus' });
  const client = await conversationsClient(second.token);
  await client.getSubscribedConversations();

  const denied = client.peekConversationBySid(first.conversation_sid).then((c) => c.join());

  await assert.rejects(denied);
  const participants = await rest().conversations.v1.conversations(first.conversation_sid).participants.list();
  assert.deepEqual(participants.map((p) => p.identity), [first.identity]);
});

test('deleting the API key that signed a token disconnects its client (close 401: no reconnect)', async () => {
  const key = await apiKey('js-clients key to delete');
  const client = await conversationsClient(await agentToken(`agent-${process.pid}-${++agents}`, { key }));
  const disconnected = waitForEvent(client, 'connectionStateChanged', { filter: (s) => s === 'disconnected' });

  await rest().keys(key.sid).remove();

  await disconnected;
  assert.equal(client.connectionState, 'disconnected');
});

test('a token about to expire is announced, and an expired one ends the connection', async () => {
  const identity = `agent-${process.pid}-${++agents}`;
  const client = new Client(await agentToken(identity, { ttl: 4 }), {
    Twilsock: { uri: TWILSOCK_URL },
    logLevel: 'silent',
  });
  after(() => client.shutdown());
  const aboutToExpire = waitForEvent(client, 'tokenAboutToExpire');
  const expired = waitForEvent(client, 'tokenExpired', { timeout: 10_000 });

  await aboutToExpire;
  await expired;

  assert.notEqual(client.connectionState, 'connected');
});

test('a message sent from the SDK fires onMessageAdded with Source SDK and the sender identity', async () => {
  const receiver = await webhookReceiver();
  const webhooks = rest().conversations.v1.configuration.webhooks();
  await webhooks.update({ postWebhookUrl: receiver.url, filters: ['onMessageAdded'], method: 'POST' });
  after(() => webhooks.update({ postWebhookUrl: '' }));
  const { guestConversation, guest } = await chat();

  await guestConversation.sendMessage('hello from the widget');

  const hook = await receiver.next((f) => f.ConversationSid === guest.conversation_sid);
  assert.equal(hook.EventType, 'onMessageAdded');
  assert.equal(hook.Source, 'SDK');
  assert.equal(hook.ClientIdentity, guest.identity);
  assert.equal(hook.Body, 'hello from the widget');
});

test('an author edits its own message but not another participant message', async () => {
  const { guestConversation, agentConversation, guest } = await chat();
  const own = waitForEvent(guestConversation, 'messageAdded', { filter: (m) => m.author === guest.identity });
  // A page shows what the client has acknowledged hearing of (docs/realtime-protocol.md §4.5).
  const toldAgent = waitForEvent(agentConversation, 'messageAdded', { filter: (m) => m.author === guest.identity });
  await guestConversation.sendMessage('typo hrere');
  const mine = await own;
  await toldAgent;
  const atAgent = waitForEvent(agentConversation, 'messageUpdated', { filter: ({ updateReasons }) => updateReasons.includes('body') });

  await mine.updateBody('typo here');
  const theirs = (await agentConversation.getMessages()).items.find((m) => m.sid === mine.sid);
  const refused = theirs.updateBody('not yours');

  assert.equal((await atAgent).message.body, 'typo here');
  await assert.rejects(refused);
});

test('media sent through the SDK is uploaded and attached to its message', async () => {
  const { guest, guestConversation } = await chat();

  await guestConversation.sendMessage({
    contentType: 'text/plain',
    filename: 'note.txt',
    media: Buffer.from('hello'),
  });

  const [message] = await rest()
    .conversations.v1.conversations(guest.conversation_sid)
    .messages.list({ order: 'desc', limit: 1 });
  assert.equal(message.media.length, 1);
  assert.equal(message.media[0].filename, 'note.txt');
  assert.equal(message.media[0].size, 5);
});

test('participant attributes changed by their owner reach the others', async () => {
  const { guestConversation, agentConversation, guest } = await chat();
  const mine = (await guestConversation.getParticipants()).find((p) => p.identity === guest.identity);
  const seen = waitForEvent(agentConversation, 'participantUpdated', {
    filter: ({ participant, updateReasons }) =>
      participant.identity === guest.identity && updateReasons.includes('attributes'),
  });

  await mine.updateAttributes({ vip: true });

  assert.deepEqual((await seen).participant.attributes, { vip: true });
});

test('message attributes changed by their author reach the others', async () => {
  const { guestConversation, agentConversation, identity } = await chat();
  const arrived = waitForEvent(guestConversation, 'messageAdded');
  // A page shows what the client has been told of (docs/realtime-protocol.md §4.5): the agent's
  // own session may hear of its message after the guest's does.
  const toldAgent = waitForEvent(agentConversation, 'messageAdded');
  await agentConversation.sendMessage('Your refund is on its way');
  const atGuest = await arrived;
  await toldAgent;
  const own = (await agentConversation.getMessages()).items.find((m) => m.sid === atGuest.sid);
  const updated = waitForEvent(guestConversation, 'messageUpdated', {
    filter: ({ updateReasons }) => updateReasons.includes('attributes'),
  });

  await own.updateAttributes({ pinned: true });

  const { message } = await updated;
  assert.equal(message.author, identity);
  assert.deepEqual(message.attributes, { pinned: true });
});

test('message history pages forwards from an index', async () => {
  const { guestConversation, guest } = await chat();
  const messages = rest().conversations.v1.conversations(guest.conversation_sid).messages;
  // A page shows what the client has been told of (docs/realtime-protocol.md §4.5): wait for all.
  const told = new Promise((resolve) => {
    let added = 0;
    guestConversation.on('messageAdded', () => ++added === 8 && resolve());
  });
  for (let i = 0; i < 8; i++) {
    await messages.create({ author: guest.identity, body: `message ${i}` });
  }
  await told;

  const page = await guestConversation.getMessages(3, 2, 'forward');
  const next = await page.nextPage();

  assert.deepEqual(page.items.map((m) => m.index), [2, 3, 4]);
  assert.deepEqual(next.items.map((m) => m.index), [5, 6, 7]);
  assert.equal(next.hasNextPage, false);
});

test('a conversation deleted through REST is removed from a connected client', async () => {
  const { guestClient, guest } = await chat();
  const removed = waitForEvent(guestClient, 'conversationRemoved', {
    filter: (c) => c.sid === guest.conversation_sid,
  });

  await rest().conversations.v1.conversations(guest.conversation_sid).remove();

  await removed;
  const left = await guestClient.getSubscribedConversations();
  assert.deepEqual(left.items.map((c) => c.sid), []);
});

test('a participant removed through REST leaves the conversation on its client', async () => {
  const { agentClient, identity, guest } = await chat();
  const left = waitForEvent(agentClient, 'conversationLeft', {
    filter: (c) => c.sid === guest.conversation_sid,
  });

  await rest().conversations.v1.conversations(guest.conversation_sid).participants(identity).remove();

  await left;
});
