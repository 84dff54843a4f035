// Studio v2 through twilio-node, unmodified: a flow is created, validated and published, a
// conversation's studio webhook runs it on a participant's message, and its execution's steps are
// read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rest } from './support/parley.mjs';

const definition = {
  description: 'Ask and answer',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      properties: {},
      transitions: [
        { event: 'incomingConversationMessage', next: 'ask' },
        { event: 'incomingRequest' },
      ],
    },
    {
      name: 'ask',
      type: 'send-and-wait-for-reply',
      properties: { body: 'Hello {{trigger.conversation.Author}}, your order number?', from: 'Bot' },
      transitions: [{ event: 'incomingMessage', next: 'check' }, { event: 'timeout' }],
    },
    {
      name: 'check',
      type: 'split-based-on',
      properties: { input: '{{widgets.ask.inbound.Body}}' },
      transitions: [
        { event: 'noMatch', next: 'unknown' },
        {
          event: 'match',
          next: 'known',
          conditions: [
            {
              friendly_name: 'digits',
              type: 'regex',
              arguments: ['{{widgets.ask.inbound.Body}}'],
              value: '^[0-9]+$',
            },
          ],
        },
      ],
    },
    {
      name: 'known',
      type: 'send-message',
      properties: { body: 'Order {{widgets.ask.inbound.Body}} is on its way.', from: 'Bot' },
      transitions: [{ event: 'sent' }, { event: 'failed' }],
    },
    {
      name: 'unknown',
      type: 'send-message',
      properties: { body: 'That is not an order number.', from: 'Bot' },
      transitions: [{ event: 'sent' }, { event: 'failed' }],
    },
  ],
  initial_state: 'Trigger',
};

test('a flow is validated, published and revised', async () => {
  const client = rest();

  const validation = await client.studio.v2.flowValidate.update({
    friendlyName: 'Orders',
    status: 'published',
    definition,
  });
  const flow = await client.studio.v2.flows.create({ friendlyName: 'Orders', status: 'draft', definition });
  const published = await client.studio.v2.flows(flow.sid).update({ status: 'published', commitMessage: 'live' });
  const revisions = await client.studio.v2.flows(flow.sid).revisions.list();

  assert.equal(validation.valid, true);
  assert.equal(published.revision, 2);
  assert.deepEqual(revisions.map((r) => r.revision), [2, 1]);
});

test('an invalid definition is refused with 81022', async () => {
  const broken = { ...definition, initial_state: 'Nowhere' };

  await assert.rejects(
    rest().studio.v2.flows.create({ friendlyName: 'Broken', status: 'published', definition: broken }),
    (error) => error.code === 81022 && error.status === 400,
  );
});

test("a participant's messages run the flow in the conversation", async () => {
  const client = rest();
  const flow = await client.studio.v2.flows.create({ friendlyName: 'Orders', status: 'published', definition });
  const conversation = await client.conversations.v1.conversations.create({ friendlyName: 'orders' });
  await client.conversations.v1.conversations(conversation.sid).participants.create({ identity: 'nina' });
  await client.conversations.v1
    .conversations(conversation.sid)
    .webhooks.create({ target: 'studio', 'configuration.flowSid': flow.sid });

  await client.conversations.v1.conversations(conversation.sid).messages.create({ author: 'nina', body: 'hi' });
  await client.conversations.v1.conversations(conversation.sid).messages.create({ author: 'nina', body: '4711' });

  const messages = await client.conversations.v1.conversations(conversation.sid).messages.list();
  assert.deepEqual(
    messages.map((m) => `${m.author}: ${m.body}`),
    ['nina: hi', 'Bot: Hello nina, your order number?', 'nina: 4711', 'Bot: Order 4711 is on its way.'],
  );
  const [execution] = await client.studio.v2.flows(flow.sid).executions.list();
  assert.equal(execution.status, 'ended');
  const steps = await client.studio.v2.flows(flow.sid).executions(execution.sid).steps.list();
  assert.deepEqual(
    steps.map((s) => `${s.transitionedFrom}>${s.transitionedTo}`),
    ['Trigger>ask', 'ask>check', 'check>known', 'known>Ended'],
  );
  const context = await client.studio.v2.flows(flow.sid).executions(execution.sid).executionContext().fetch();
  assert.equal(context.context.widgets.ask.inbound.Body, '4711');
});
