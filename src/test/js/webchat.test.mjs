// Flex web chats and their conversation through the unmodified `twilio` helper library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultChatAddress, rest } from './support/parley.mjs';

async function createWebChat(customerFriendlyName = 'Ann') {
  const address = await defaultChatAddress();
  return rest().flexApi.v2.webChannels.create({
    addressSid: address.sid,
    chatFriendlyName: 'Webchat widget',
    customerFriendlyName,
    preEngagementData: JSON.stringify({ friendlyName: customerFriendlyName, question: 'Where is my order?' }),
  });
}

test('a web chat created with flexApi.v2.webChannels carries the pre-engagement data in its conversation', async () => {
  const webChat = await createWebChat('Ann');

  const conversation = await rest().conversations.v1.conversations(webChat.conversationSid).fetch();

  assert.match(webChat.conversationSid, /^CH[0-9a-f]{32}$/);
  assert.equal(conversation.friendlyName, 'Webchat widget');
  assert.deepEqual(JSON.parse(conversation.attributes), {
    pre_engagement_data: { friendlyName: 'Ann', question: 'Where is my order?' },
    from: 'Ann',
    channel_type: 'web',
  });
});

test("a web chat's customer is its only participant", async () => {
  const webChat = await createWebChat('Bob');

  const participants = await rest().conversations.v1.conversations(webChat.conversationSid).participants.list();

  assert.deepEqual(
    participants.map((p) => p.identity),
    [webChat.identity],
  );
});

test('a message posted to a web chat is read back with its author and body', async () => {
  const webChat = await createWebChat('Cleo');
  const conversation = rest().conversations.v1.conversations(webChat.conversationSid);

  const posted = await conversation.messages.create({ author: webChat.identity, body: 'Hello from Node' });
  const messages = await conversation.messages.list();

  assert.deepEqual(
    messages.map((m) => [m.sid, m.author, m.body]),
    [[posted.sid, webChat.identity, 'Hello from Node']],
  );
});
