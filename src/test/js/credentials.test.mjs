// HTTP Basic with account credentials or an API key, as the `twilio` helper library sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { ACCOUNT_SID, apiKey, rest } from './support/parley.mjs';

test('a wrong auth token fails with RestException 401/20003', async () => {
  const client = rest({ password: 'not-the-auth-token' });

  const error = await client.conversations.v1.conversations.list().then(
    () => assert.fail('the list was answered'),
    (e) => e,
  );

  assert.ok(error instanceof twilio.RestException, `not a RestException: ${error}`);
  assert.equal(error.status, 401);
  assert.equal(error.code, 20003);
  assert.match(error.moreInfo, /20003/);
});

test('an API key created through Keys.json authenticates the helper library', async () => {
  const key = await apiKey();

  const configuration = await rest({ username: key.sid, password: key.secret, accountSid: ACCOUNT_SID })
    .conversations.v1.configuration()
    .fetch();

  assert.match(key.sid, /^SK[0-9a-f]{32}$/);
  assert.equal(configuration.accountSid, ACCOUNT_SID);
});
