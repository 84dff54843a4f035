// POST /v2/Webchat/Tokens/Refresh renews guest tokens only (docs/flex-and-webchat.md), whichever
// library minted the token it is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentToken, guestInit, post } from './support/parley.mjs';

function refresh(deploymentKey, token) {
  return post('/v2/Webchat/Tokens/Refresh', { DeploymentKey: deploymentKey, Token: token }, { auth: false });
}

test('a guest token from Webchat Init is refreshed for the same identity', async () => {
  const guest = await guestInit({ name: 'Dana', preEngagementData: { friendlyName: 'Dana' } });

  const { status, body } = await refresh(guest.deployment_key, guest.token);

  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.identity, guest.identity);
  assert.match(body.token, /^eyJ/);
  assert.ok(Date.parse(body.expiration) > Date.now(), `expiration ${body.expiration}`);
});

test("an agent token minted by twilio's AccessToken is refused by Refresh with 401/20103", async () => {
  const guest = await guestInit({ name: 'Eve' });
  const token = await agentToken('agent-eve');

  const { status, body } = await refresh(guest.deployment_key, token);

  assert.equal(status, 401);
  assert.equal(body.code, 20103);
});
