// The @twilio/conversations SDK against Parley's realtime endpoint. Skipped, with a note, until
// the server upgrades /v3/wsconnect to a WebSocket; it turns on by itself once it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TWILSOCK_URL, agentToken, conversationsClient, twilsockServed } from './support/parley.mjs';

const skip = (await twilsockServed()) ? false : `no WebSocket at ${TWILSOCK_URL} yet (issue "Realtime")`;
if (skip) console.log(`realtime-smoke: skipped: ${skip}`);

test('a Conversations client with an agent token initializes', { skip }, async () => {
  const token = await agentToken('agent-smoke');

  const client = await conversationsClient(token);

  assert.equal(client.connectionState, 'connected');
  assert.equal(client.user.identity, 'agent-smoke');
});
