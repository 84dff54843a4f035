// The agent console's view of a chat's Studio flow, in a real browser (Debian's chromium driven by
// playwright-core): a visitor meets a flow (made with twilio-node) through the widget, the flow
// sends the chat to agents, and the agent who accepts it sees, beside the chat, the flow's name
// and status, its steps in order, the task attributes send-to-flex set, the flow variables and the
// widgets' outputs, all as text. A chat no flow ran in shows no flow section.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './support/browser.mjs';
import { PARLEY_URL, post, rest } from './support/parley.mjs';

const WAIT = 15_000;
const SCREENSHOTS = new URL('../../../target/console-screenshots/', import.meta.url).pathname;
const PASSWORD = 'studio console password';
const AGENT = { identity: `flow-viewer-${process.pid}`, name: 'Fiona Flow' };
// No double quote: the flow puts it into JSON task attributes, which Liquid does not escape.
const PAYLOAD = '<img src=x onerror=window.__xss=1>';

const TRIAGE = {
  description: 'Console triage',
  initial_state: 'Trigger',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      properties: {},
      transitions: [{ event: 'incomingConversationMessage', next: 'remember' }],
    },
    {
      name: 'remember',
      type: 'set-variables',
      properties: { variables: [{ key: 'topic', value: '{{trigger.conversation.Body}}' }] },
      transitions: [{ event: 'next', next: 'ask' }],
    },
    {
      name: 'ask',
      type: 'send-and-wait-for-reply',
      properties: { body: 'Your order number?', from: 'Acme Bot', timeout: '600' },
      transitions: [{ event: 'incomingMessage', next: 'agents' }, { event: 'timeout' }],
    },
    {
      name: 'agents',
      type: 'send-to-flex',
      properties: {
        attributes: '{"topic": "{{flow.variables.topic}}", "order": "{{widgets.ask.inbound.Body}}"}',
      },
      transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }],
    },
  ],
};

mkdirSync(SCREENSHOTS, { recursive: true });
const client = rest();
const flow = await client.studio.v2.flows.create({ friendlyName: 'Console triage', status: 'published', definition: TRIAGE });
const address = await client.conversations.v1.addressConfigurations.create({
  type: 'chat',
  address: `urn:parley:console-triage-${process.pid}`,
  'autoCreation.enabled': true,
  'autoCreation.type': 'studio',
  'autoCreation.studioFlowSid': flow.sid,
});
const flowDeployment = await post('/parley/v1/WebchatDeployments', {
  AddressSid: address.sid,
  FriendlyName: 'console triage widget',
});
assert.equal(flowDeployment.status, 201);
// No flow at all (type `default`): the default chat address runs the Webchat Flow on the first message.
const plainAddress = await client.conversations.v1.addressConfigurations.create({
  type: 'chat',
  address: `urn:parley:console-plain-${process.pid}`,
  'autoCreation.enabled': true,
  'autoCreation.type': 'default',
});
const plainDeployment = (
  await post('/parley/v1/WebchatDeployments', { AddressSid: plainAddress.sid, FriendlyName: 'console plain widget' })
).body;
assert.equal(
  (await post('/parley/v1/Agents', { Identity: AGENT.identity, FriendlyName: AGENT.name, Password: PASSWORD })).status,
  201,
);

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

async function say(page, text) {
  const before = await page.locator('.msg.me:not(.pending)').count();
  await page.locator('.composer textarea').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('.msg.me:not(.pending)').nth(before).waitFor();
}

/** A visitor's chat through the widget of `deploymentKey`, first message `first`; its SID. */
async function visitorChat(deploymentKey, first) {
  const page = await newPage();
  await page.goto(`${PARLEY_URL}/widget/demo?DeploymentKey=${deploymentKey}`);
  await page.locator('.launcher').click();
  await page.locator('#parley-field-friendlyName').fill('Vic');
  await page.locator('form.pre button[type=submit]').click();
  await page.locator('.conversation[data-ready]').waitFor();
  await say(page, first);
  const sid = await page.evaluate(
    (key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`)).session.conversationSid,
    deploymentKey,
  );
  return { page, sid };
}

async function accept(sid) {
  await agent.locator(`.waiting li[data-sid="${sid}"] button.accept`).click();
  await agent.locator(`.pane.live[data-sid="${sid}"][data-ready]`).waitFor();
  await agent.locator('.details h3', { hasText: 'Earlier chats' }).waitFor();
}

const texts = (selector) => agent.locator(selector).allTextContents();

test("the agent of a chat a flow sent sees the flow's steps, task attributes, variables and widget outputs", async () => {
  const { page, sid } = await visitorChat(flowDeployment.body.deployment_key, PAYLOAD);
  await page.locator('.log .msg.them .text', { hasText: 'Your order number?' }).waitFor();
  await say(page, '4711');

  await accept(sid);
  const run = agent.locator('.details .flows .flow-run');
  await run.waitFor();

  assert.equal(await run.count(), 1);
  assert.equal(await run.locator('.flow-name').textContent(), 'Console triage');
  assert.equal(await run.locator('.flow-status').textContent(), 'ended');
  assert.deepEqual(await texts('.flow-steps .from'), ['Trigger', 'remember', 'ask', 'agents']);
  assert.deepEqual(await texts('.flow-steps .to'), ['remember', 'ask', 'agents', 'Ended']);
  assert.deepEqual(await texts('.flow-steps .event'), ['incomingConversationMessage', 'next', 'incomingMessage', 'callComplete']);
  assert.equal(await agent.locator('.flow-steps time').count(), 4);
  assert.deepEqual(await texts('.task-attributes dt'), ['topic', 'order']);
  assert.deepEqual(await texts('.task-attributes dd'), [PAYLOAD, '4711']);
  assert.deepEqual(await texts('.flow-variables dt'), ['topic']);
  assert.deepEqual(await texts('.flow-variables dd'), [PAYLOAD]);
  await run.locator('.flow-widgets summary').click();
  const outputs = JSON.parse(await run.locator('.flow-widgets pre').textContent());
  assert.equal(outputs.ask.inbound.Body, '4711');
  assert.equal(outputs.ask.outbound.Body, 'Your order number?');
  assert.equal(await agent.locator('.details img').count(), 0, 'the payload stays text');
  assert.equal(await agent.evaluate(() => window.__xss), undefined);
  await agent.screenshot({ path: SCREENSHOTS + 'console-studio.png' });
  await agent.locator('.details .flows').screenshot({ path: SCREENSHOTS + 'console-studio-flow.png' });
  await page.context().close();
});

test('a chat no flow ran in shows no flow section', async () => {
  const { page, sid } = await visitorChat(plainDeployment.deployment_key, 'Just a question');

  await accept(sid);

  assert.equal(await agent.locator('.details .flows').count(), 0);
  await page.context().close();
});

test('no page errors in the console or the widget', () => {
  assert.deepEqual(pageErrors, []);
});
