// Twilio's unmodified JavaScript clients pointed at the Parley named by PARLEY_URL, and the few
// fixtures the tests share. JavaScriptClientsTest sets the variables; by hand, see docs/testing.md.
import { after } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import twilio from 'twilio';
import { Client } from '@twilio/conversations';

const { AccessToken } = twilio.jwt;
const { ChatGrant } = AccessToken;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run through JavaScriptClientsTest or see docs/testing.md`);
  }
  return value;
}

export const PARLEY_URL = required('PARLEY_URL').replace(/\/+$/, '');
export const ACCOUNT_SID = required('PARLEY_ACCOUNT_SID');
export const AUTH_TOKEN = required('PARLEY_AUTH_TOKEN');
/** The Twilsock endpoint of the server at `baseUrl` (a relay's, in reconnect tests). */
export const twilsockUrlOf = (baseUrl) => baseUrl.replace(/^http/, 'ws') + '/v3/wsconnect';
export const TWILSOCK_URL = twilsockUrlOf(PARLEY_URL);

/**
 * twilio-node's own HTTP client, sending what it would send to https://<product>.twilio.com to
 * Parley instead (the documented custom `httpClient` seam; the Java twin is TwilioClients.java).
 */
class ToParley extends twilio.RequestClient {
  request(opts) {
    const uri = opts.uri.replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com/, PARLEY_URL);
    return super.request({ ...opts, uri });
  }
}

/** A `twilio` REST client; by default the account's own, or any other credentials. */
export function rest({ username = ACCOUNT_SID, password = AUTH_TOKEN, accountSid = ACCOUNT_SID } = {}) {
  return twilio(username, password, { accountSid, httpClient: new ToParley() });
}

/** A request with Parley's base URL and a form body, for Parley's own and the public APIs. */
export async function post(path, form, { auth = true, headers = {} } = {}) {
  const basic = 'Basic ' + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
  const response = await fetch(PARLEY_URL + path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(auth ? { Authorization: basic } : {}),
      ...headers,
    },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}

const once = (make) => {
  let promise;
  return () => (promise ??= make());
};

/** A new API key of the account (POST /2010-04-01/Accounts/{AC}/Keys.json): `{sid, secret}`. */
export async function apiKey(friendlyName = 'js-clients test key') {
  return rest().newKeys.create({ friendlyName });
}

const signingKey = once(() => apiKey('js-clients token signing'));
const configuration = once(() => rest().conversations.v1.configuration().fetch());

/** The account's default chat address (`parley:default-chat`), the one web chats use. */
export const defaultChatAddress = once(async () => {
  const addresses = await rest().conversations.v1.addressConfigurations.list({ type: 'chat' });
  const address = addresses.find((a) => a.address === 'parley:default-chat');
  if (!address) throw new Error('no default chat address in /v1/Configuration/Addresses');
  return address;
});

/**
 * An agent's access token, minted as a Twilio backend would: AccessToken + ChatGrant, signed with
 * `key` (`{sid, secret}`, from apiKey()) or the suite's own key.
 */
export async function agentToken(identity, { ttl = 3600, key: given } = {}) {
  const [key, config] = await Promise.all([given ?? signingKey(), configuration()]);
  const token = new AccessToken(ACCOUNT_SID, key.sid, key.secret, { identity, ttl });
  token.addGrant(new ChatGrant({ serviceSid: config.defaultChatServiceSid }));
  return token.toJwt();
}

/** A Webchat 3 deployment on the default chat address (docs/flex-and-webchat.md); its JSON. */
export async function webchatDeployment({ friendlyName = 'js-clients widget', tokenTtl } = {}) {
  const address = await defaultChatAddress();
  const form = { AddressSid: address.sid, FriendlyName: friendlyName };
  if (tokenTtl !== undefined) form.TokenTtl = String(tokenTtl);
  const { status, body } = await post('/parley/v1/WebchatDeployments', form);
  if (status !== 201) throw new Error(`deployment create answered ${status} ${JSON.stringify(body)}`);
  return body;
}

const sharedDeployment = once(() => webchatDeployment());

/** A guest's start through the public POST /v2/Webchat/Init: `{token, conversation_sid, identity}`. */
export async function guestInit({ name = 'Ann', preEngagementData = {}, deployment } = {}) {
  const { deployment_key } = deployment ?? (await sharedDeployment());
  const { status, body } = await post(
    '/v2/Webchat/Init',
    {
      DeploymentKey: deployment_key,
      CustomerFriendlyName: name,
      PreEngagementData: JSON.stringify(preEngagementData),
    },
    { auth: false },
  );
  if (status !== 200) throw new Error(`Webchat Init answered ${status} ${JSON.stringify(body)}`);
  return { ...body, deployment_key };
}

/**
 * A @twilio/conversations Client connected to Parley's realtime endpoint, once `initialized`;
 * rejects on `initFailed` or after `timeout` ms. It is shut down after the calling test, waiting
 * at most 2 s: against a server that stops answering, the SDK's shutdown takes a minute.
 */
export async function conversationsClient(token, { timeout = 10_000, twilsockUrl = TWILSOCK_URL } = {}) {
  const client = new Client(token, { Twilsock: { uri: twilsockUrl }, logLevel: 'silent' });
  after(() => Promise.race([client.shutdown().catch(() => {}), delay(2_000, null, { ref: false })]));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`client not initialized within ${timeout} ms`)), timeout);
    const onState = (state) => state === 'initialized' && settle();
    const onFailed = ({ error }) => settle(new Error(`client init failed: ${error?.message ?? error}`));
    function settle(error) {
      clearTimeout(timer);
      client.removeListener('stateChanged', onState);
      client.removeListener('initFailed', onFailed);
      error ? reject(error) : resolve();
    }
    client.on('stateChanged', onState);
    client.on('initFailed', onFailed);
  });
  return client;
}

/** The first `name` event of `emitter` that passes `filter`; rejects after `timeout` ms. */
export function waitForEvent(emitter, name, { timeout = 5_000, filter = () => true } = {}) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.removeListener(name, listener);
      reject(new Error(`no '${name}' event within ${timeout} ms`));
    }, timeout);
    function listener(value) {
      if (!filter(value)) return;
      clearTimeout(timer);
      emitter.removeListener(name, listener);
      resolve(value);
    }
    emitter.on(name, listener);
  });
}
