// The first seconds of a chat, as Twilio's web chat React app lives them with the unmodified
// @twilio/conversations SDK: the client starts, opens the conversation and its first page of
// messages, and the visitor writes soon after while the app reads a page in between. Sync
// subscribes to the messages list some time after it opened it; a message sent before that
// reaches the client only through the subscription's replay, which the SDK drops when a page read
// has already cached the item (docs/realtime-protocol.md §4.5); so does a live event that reaches
// the SDK in one read with a page that shows its item, since the SDK handles the page first. Each
// message must still show up live on both sides, on loopback, over a slow network, and when the
// network delivers an event and a page together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { relay } from './support/proxy.mjs';
import {
  PARLEY_URL,
  TWILSOCK_URL,
  agentToken,
  conversationsClient,
  guestInit,
  rest,
  twilsockUrlOf,
  waitForEvent,
} from './support/parley.mjs';

/** When the visitor sends, in ms after the chat opened. */
const SENT_AT = [500, 1000, 2000, 3000, 4000];
/** How long after its send a message may take to show and still count as live. */
const LIVE_WITHIN_MS = 2_000;
/** Chats opened at once per case: the window is a race, several chats make losing it likely. */
const CHATS = Number(process.env.CHATS ?? 4);

let agents = 0;

/**
 * A web chat as the React app opens it: an agent already in the conversation (joined through
 * REST, as a Flex task would add it), then the visitor's client started, the conversation got,
 * its participants and first page of messages read. Resolves when the visitor's chat is open.
 * The visitor's client connects to `visitorTwilsockUrl`.
 */
async function openChat(twilsockUrl, visitorTwilsockUrl = twilsockUrl) {
  const guest = await guestInit({ name: 'Ann' });
  const identity = `agent-${process.pid}-first-${++agents}`;
  const agentClient = await conversationsClient(await agentToken(identity), { twilsockUrl, timeout: 20_000 });
  const joined = waitForEvent(agentClient, 'conversationJoined', {
    filter: (c) => c.sid === guest.conversation_sid,
    timeout: 10_000,
  });
  await rest().conversations.v1.conversations(guest.conversation_sid).participants.create({ identity });
  const agentConversation = await joined;
  await agentConversation.getMessages();
  const visitorClient = await conversationsClient(guest.token, {
    twilsockUrl: visitorTwilsockUrl,
    timeout: 20_000,
  });
  const visitorConversation = await visitorClient.getConversationBySid(guest.conversation_sid);
  await visitorConversation.getParticipants();
  await visitorConversation.getMessages(30);
  return { visitorConversation, agentConversation };
}

/** When each body showed up on `conversation`, by body. */
function arrivals(conversation) {
  const seen = new Map();
  conversation.on('messageAdded', (m) => seen.set(m.body, performance.now()));
  return seen;
}

/**
 * Opens a chat, then sends at SENT_AT with a page read after each send, and reports per message
 * how long it took to show on each side (or that it did not).
 */
async function firstSeconds(twilsockUrl, chat) {
  const { visitorConversation, agentConversation } = await openChat(twilsockUrl);
  const opened = performance.now();
  const atVisitor = arrivals(visitorConversation);
  const atAgent = arrivals(agentConversation);
  const sent = new Map();
  for (const at of SENT_AT) {
    await delay(Math.max(0, opened + at - performance.now()));
    const body = `chat ${chat}: sent at ${at} ms`;
    const sending = performance.now();
    await visitorConversation.sendMessage(body);
    sent.set(body, sending);
    // A page read, as the app makes while the visitor writes: it may cache the new message.
    await visitorConversation.getMessages(30);
  }
  const deadline = performance.now() + LIVE_WITHIN_MS;
  while (performance.now() < deadline && [...sent.keys()].some((b) => !atVisitor.has(b) || !atAgent.has(b))) {
    await delay(50);
  }
  const late = [];
  for (const [body, at] of sent) {
    for (const [side, seen] of [['visitor', atVisitor], ['agent', atAgent]]) {
      const shown = seen.get(body);
      if (shown === undefined) {
        late.push(`${side}: "${body}" never shown`);
      } else if (shown - at > LIVE_WITHIN_MS) {
        late.push(`${side}: "${body}" shown after ${Math.round(shown - at)} ms`);
      }
    }
  }
  return late;
}

async function everyMessageLive(twilsockUrl) {
  const chats = Array.from({ length: CHATS }, (_, i) => firstSeconds(twilsockUrl, i + 1));
  const late = (await Promise.all(chats)).flat();
  assert.deepEqual(late, [], `${late.length} of ${CHATS * SENT_AT.length * 2} arrivals missed or late`);
}

test('messages the visitor sends in the first seconds show live on both sides', async () => {
  await everyMessageLive(TWILSOCK_URL);
});

test('messages the visitor sends in the first seconds show live on both sides over a slow network', async () => {
  const slow = await relay(PARLEY_URL, { latency: 250, kbps: 1000 });
  await everyMessageLive(twilsockUrlOf(slow.url));
});

test('a message whose event reaches the visitor in one read with a page read meanwhile shows live', async () => {
  const network = await relay(PARLEY_URL);
  const { visitorConversation, agentConversation } = await openChat(TWILSOCK_URL, twilsockUrlOf(network.url));
  // A message shown live: the visitor's subscription to the messages is established.
  const greeted = waitForEvent(visitorConversation, 'messageAdded', { timeout: 10_000 });
  await agentConversation.sendMessage('Hello, how can I help?');
  await greeted;
  const atVisitor = arrivals(visitorConversation);

  network.hold();
  await agentConversation.sendMessage('Are you still there?');
  await delay(300); // its event is sent, and waits in the network
  const page = visitorConversation.getMessages(30);
  await delay(300); // so does the page's answer
  assert.ok(network.held() > 0, 'the network holds what the server sent');
  network.release();
  await page;
  const deadline = performance.now() + LIVE_WITHIN_MS;
  while (performance.now() < deadline && !atVisitor.has('Are you still there?')) {
    await delay(50);
  }

  assert.ok(atVisitor.has('Are you still there?'), 'messageAdded on the visitor side');
});
