// A Studio flow on a web chat's address, met through the visitor widget in a real browser
// (Debian's chromium driven by playwright-core): the flow, made with twilio-node, greets the
// visitor, asks a question and waits for the reply, splits on it, gets the order's data from an
// HTTP endpoint this test starts on 127.0.0.1 (the test server allows loopback calls, as
// PARLEY_WEBHOOK_ALLOW_NETWORKS=127.0.0.0/8 would), and sends the chat to the agents' queue, where
// the console's waiting list shows it. A second flow's question times out.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launchChromium } from './support/browser.mjs';
import { PARLEY_URL, post, rest } from './support/parley.mjs';

const WAIT = 15_000;
const PASSWORD = 'studio widget password';
const AGENT = { identity: `studio-agent-${process.pid}`, name: 'Sam Studio' };

// ---- The business's order service: answers JSON and records what it was asked ----
const lookups = [];
const orders = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  lookups.push({ method: request.method, path: url.pathname, number: url.searchParams.get('number') });
  const known = url.searchParams.get('number') === '4711';
  response
    .writeHead(known ? 200 : 404, { 'Content-Type': 'application/json' })
    .end(JSON.stringify(known ? { status: 'shipped', eta: 'Friday' } : { error: 'no such order' }));
});
await new Promise((resolve) => orders.listen(0, '127.0.0.1', resolve));
after(() => orders.close());
const ORDERS_URL = `http://127.0.0.1:${orders.address().port}/orders`;

const send = (name, body, next) => ({
  name,
  type: 'send-message',
  properties: { body, from: 'Acme Bot' },
  transitions: [{ event: 'sent', next }, { event: 'failed' }],
});
const toAgents = {
  name: 'agents',
  type: 'send-to-flex',
  properties: {
    attributes:
      '{"topic": "{{widgets.ask.inbound.Body}}", "order": "{{widgets.number.inbound.Body}}",' +
      ' "status": "{{widgets.lookup.parsed.status}}"}',
  },
  transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }],
};

/** Greets, asks, splits on the answer, looks the order up over HTTP, hands the chat to agents. */
const ORDERS_FLOW = {
  description: 'Web chat: orders',
  initial_state: 'Trigger',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      properties: {},
      transitions: [{ event: 'incomingConversationMessage', next: 'greet' }],
    },
    send('greet', 'Welcome to Acme, {{trigger.conversation.Body | size}} characters read.', 'ask'),
    {
      name: 'ask',
      type: 'send-and-wait-for-reply',
      properties: { body: 'Is this about an order? Reply ORDER or OTHER.', from: 'Acme Bot', timeout: '600' },
      transitions: [
        { event: 'incomingMessage', next: 'about' },
        { event: 'timeout', next: 'agents' },
        { event: 'deliveryFailure' },
      ],
    },
    {
      name: 'about',
      type: 'split-based-on',
      properties: { input: '{{widgets.ask.inbound.Body}}' },
      transitions: [
        { event: 'noMatch', next: 'other' },
        {
          event: 'match',
          next: 'number',
          conditions: [
            { friendly_name: 'order', type: 'contains', arguments: ['{{widgets.ask.inbound.Body}}'], value: 'order' },
          ],
        },
      ],
    },
    {
      name: 'number',
      type: 'send-and-wait-for-reply',
      properties: { body: 'Your order number?', from: 'Acme Bot', timeout: '600' },
      transitions: [{ event: 'incomingMessage', next: 'lookup' }, { event: 'timeout', next: 'agents' }],
    },
    {
      name: 'lookup',
      type: 'make-http-request',
      properties: {
        method: 'GET',
        url: ORDERS_URL,
        content_type: 'application/x-www-form-urlencoded;charset=utf-8',
        parameters: [{ key: 'number', value: '{{widgets.number.inbound.Body}}' }],
      },
      transitions: [
        { event: 'success', next: 'found' },
        { event: 'failed', next: 'unknown' },
      ],
    },
    send('found', 'Order {{widgets.number.inbound.Body}} is {{widgets.lookup.parsed.status}}, arriving {{widgets.lookup.parsed.eta}}.', 'agents'),
    send('unknown', 'We could not find order {{widgets.number.inbound.Body}}.', 'agents'),
    send('other', 'Let me find someone for you.', 'agents'),
    toAgents,
  ],
};

/** Asks and gives up after 2 seconds of silence. */
const PATIENCE_FLOW = {
  description: 'Web chat: a question nobody answers',
  initial_state: 'Trigger',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      properties: {},
      transitions: [{ event: 'incomingConversationMessage', next: 'ask' }],
    },
    {
      name: 'ask',
      type: 'send-and-wait-for-reply',
      properties: { body: 'What is your e-mail address?', from: 'Acme Bot', timeout: '2' },
      transitions: [
        { event: 'incomingMessage', next: 'agents' },
        { event: 'timeout', next: 'late' },
      ],
    },
    send('late', 'No answer in time: an agent will write to you here.', 'agents'),
    { ...toAgents, properties: { attributes: '{"timed_out": true}' } },
  ],
};

/** A published flow (twilio-node), a chat address running it, and a widget deployment on it. */
async function flowDeployment(name, definition) {
  const client = rest();
  const flow = await client.studio.v2.flows.create({ friendlyName: name, status: 'published', definition });
  const address = await client.conversations.v1.addressConfigurations.create({
    type: 'chat',
    address: `urn:parley:${name.toLowerCase().replace(/\W+/g, '-')}-${process.pid}`,
    'autoCreation.enabled': true,
    'autoCreation.type': 'studio',
    'autoCreation.studioFlowSid': flow.sid,
  });
  const { status, body } = await post('/parley/v1/WebchatDeployments', {
    AddressSid: address.sid,
    FriendlyName: `${name} widget`,
  });
  if (status !== 201) throw new Error(`deployment create answered ${status} ${JSON.stringify(body)}`);
  return { flow, deploymentKey: body.deployment_key };
}

const ordersChat = await flowDeployment('Orders flow', ORDERS_FLOW);
const patienceChat = await flowDeployment('Patience flow', PATIENCE_FLOW);
{
  const { status, body } = await post('/parley/v1/Agents', {
    Identity: AGENT.identity,
    FriendlyName: AGENT.name,
    Password: PASSWORD,
  });
  if (status !== 201) throw new Error(`agent create answered ${status} ${JSON.stringify(body)}`);
}

const browser = await launchChromium();
after(() => browser?.close());
const pageErrors = [];

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 750 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

const agent = await newPage();
await agent.goto(`${PARLEY_URL}/console`);
await agent.locator('#login-identity').fill(AGENT.identity);
await agent.locator('#login-password').fill(PASSWORD);
await agent.locator('form.login button[type=submit]').click();
await agent.locator('.top .me', { hasText: AGENT.name }).waitFor();

/** A visitor who opened the widget of `deploymentKey`, filled the form and wrote `first`. */
async function visitorWrites(deploymentKey, name, first) {
  const page = await newPage();
  await page.goto(`${PARLEY_URL}/widget/demo?DeploymentKey=${deploymentKey}`);
  await page.locator('.launcher').click();
  await page.locator('#parley-field-friendlyName').fill(name);
  await page.locator('form.pre button[type=submit]').click();
  await page.locator('.conversation[data-ready]').waitFor();
  await say(page, first);
  const sid = await page.evaluate(
    (key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`)).session.conversationSid,
    deploymentKey,
  );
  return { page, sid };
}

async function say(page, text) {
  const before = await page.locator('.msg.me:not(.pending)').count();
  await page.locator('.composer textarea').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('.msg.me:not(.pending)').nth(before).waitFor();
}

/** The flow's message with this text, once the widget shows it. */
const flowSays = (page, text) => page.locator('.log .msg.them .text', { hasText: text }).waitFor();
const waiting = (sid) => agent.locator(`.waiting li[data-sid="${sid}"]`);

test('the flow greets the visitor, asks, splits on "order", looks the order up over HTTP and queues the chat', async () => {
  const { page, sid } = await visitorWrites(ordersChat.deploymentKey, 'Olga', 'Hello there');

  await flowSays(page, 'Welcome to Acme, 11 characters read.');
  await flowSays(page, 'Is this about an order? Reply ORDER or OTHER.');
  assert.equal(await waiting(sid).count(), 0, 'not waiting for agents while the flow talks');
  await say(page, 'It is about my order');
  await flowSays(page, 'Your order number?');
  await say(page, '4711');
  await flowSays(page, 'Order 4711 is shipped, arriving Friday.');
  await waiting(sid).waitFor();

  assert.deepEqual(lookups.at(-1), { method: 'GET', path: '/orders', number: '4711' });
  assert.deepEqual(
    await page.locator('.log .msg .text').allTextContents(),
    [
      'Hello there',
      'Welcome to Acme, 11 characters read.',
      'Is this about an order? Reply ORDER or OTHER.',
      'It is about my order',
      'Your order number?',
      '4711',
      'Order 4711 is shipped, arriving Friday.',
    ],
  );
  const [execution] = await rest().studio.v2.flows(ordersChat.flow.sid).executions.list();
  const context = await rest().studio.v2.flows(ordersChat.flow.sid).executions(execution.sid).executionContext().fetch();
  assert.equal(execution.status, 'ended');
  assert.deepEqual(context.context.widgets.agents.task_attributes, {
    topic: 'It is about my order',
    order: '4711',
    status: 'shipped',
  });
  await page.context().close();
});

test('an unknown order number takes the HTTP widget\'s failed path, still to the queue', async () => {
  const { page, sid } = await visitorWrites(ordersChat.deploymentKey, 'Pia', 'hi');
  await flowSays(page, 'Reply ORDER or OTHER.');
  await say(page, 'ORDER');
  await flowSays(page, 'Your order number?');

  await say(page, '999');

  await flowSays(page, 'We could not find order 999.');
  await waiting(sid).waitFor();
  assert.equal(lookups.at(-1).number, '999');
  await page.context().close();
});

test('another answer takes the split\'s noMatch path, with no HTTP call', async () => {
  const { page, sid } = await visitorWrites(ordersChat.deploymentKey, 'Quentin', 'hey');
  await flowSays(page, 'Reply ORDER or OTHER.');
  const calls = lookups.length;

  await say(page, 'OTHER');

  await flowSays(page, 'Let me find someone for you.');
  await waiting(sid).waitFor();
  assert.equal(lookups.length, calls);
  assert.equal(await page.locator('.log .msg .text', { hasText: 'order number' }).count(), 0);
  await page.context().close();
});

test('a question left unanswered times out: the flow says so and queues the chat', async () => {
  const { page, sid } = await visitorWrites(patienceChat.deploymentKey, 'Rosa', 'Hello?');
  await flowSays(page, 'What is your e-mail address?');

  await flowSays(page, 'No answer in time: an agent will write to you here.');

  await waiting(sid).waitFor();
  const [execution] = await rest().studio.v2.flows(patienceChat.flow.sid).executions.list();
  const steps = await rest().studio.v2.flows(patienceChat.flow.sid).executions(execution.sid).steps.list();
  assert.deepEqual(
    steps.map((s) => `${s.transitionedFrom}:${s.name}`),
    ['Trigger:incomingConversationMessage', 'ask:timeout', 'late:sent', 'agents:callComplete'],
  );
  // Steps carry whole seconds: a wait of at least 2 s shows as at least 2 s between them.
  assert.ok(steps[1].dateCreated - steps[0].dateCreated >= 2_000, 'the timeout fired early');
  await page.context().close();
});

test('no page errors in the widget or the console', () => {
  assert.deepEqual(pageErrors, []);
});
