// Verified visitors in the widget (docs/verified-visitors.md): a page names its signed user with
// Parley.identify, Debian's chromium driven by playwright-core. One user in two browser contexts
// continues one open chat and shares one history, Parley.reset() leaves nothing behind, and a
// context that knows the identity but not the secret reads nothing of it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { launchChromium } from './support/browser.mjs';
import { PARLEY_URL, defaultChatAddress, post, rest } from './support/parley.mjs';

const WAIT = 15_000;
const USER = { identity: `user-${process.pid}`, name: 'Ann Lee', email: 'ann@example.com' };
const pageErrors = [];
/** The shop's own origin, another than Parley's; its pages are served by the test. */
const SHOP = 'http://localhost:9';

/** As docs/verified-visitors.md's Node example: the identity alone, or four lines with the profile. */
function identityHash(secret, identity, profile) {
  const message = profile
    ? [identity, profile.name ?? '', profile.email ?? '', profile.attributes ?? ''].join('\n')
    : identity;
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

const browser = await launchChromium();
after(() => browser?.close());

const created = await post('/parley/v1/WebchatDeployments', {
  AddressSid: (await defaultChatAddress()).sid,
  FriendlyName: 'widget identify test',
  IdentityVerification: 'optional',
});
assert.equal(created.status, 201, JSON.stringify(created.body));
const deployment = created.body;
const secret = deployment.identity_secret;
assert.match(secret, /^[0-9a-f]{64}$/);
const signedUser = { ...USER, hash: identityHash(secret, USER.identity, USER) };

/** A new browser context on the demo page, or on a shop's page of another origin (`html`). */
async function newPage(html) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (html) {
    // localhost, a secure context like a shop's https page (the SDK needs crypto.randomUUID).
    await context.route(`${SHOP}/**`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto(`${SHOP}/account`);
  } else {
    await page.goto(`${PARLEY_URL}/widget/demo?DeploymentKey=${deployment.deployment_key}`);
  }
  await page.waitForFunction(() => window.Parley);
  return page;
}

const identify = (page, who) => page.evaluate((w) => window.Parley.identify(w), who);

const stored = (page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`) ?? '{}'), deployment.deployment_key);

/** Every conversation the guest token's identity has, through the widget's List endpoint. */
async function listed(token) {
  const { status, body } = await post(
    '/parley/v1/Webchat/Conversations/List',
    { DeploymentKey: deployment.deployment_key, Token: token },
    { auth: false },
  );
  assert.equal(status, 200, JSON.stringify(body));
  return body.conversations.map((c) => c.conversation_sid);
}

let laptop;
let phone;
let firstChat;

test('an identified user chats at once as the signed identity, the form skipped', async () => {
  laptop = await newPage();
  await identify(laptop, signedUser);
  await laptop.locator('.launcher').click();

  await laptop.locator('.conversation[data-ready]').waitFor();
  assert.equal(await laptop.locator('form.pre').count(), 0);
  const { session } = await stored(laptop);
  assert.equal(session.identity, `verified:${USER.identity}`);
  firstChat = session.conversationSid;
  const conversation = await rest().conversations.v1.conversations(firstChat).fetch();
  const attributes = JSON.parse(conversation.attributes);
  assert.equal(attributes.identity_verified, true);
  assert.equal(attributes.pre_engagement_data.email, USER.email);
  await laptop.locator('.composer textarea').fill('Hello from the laptop');
  await laptop.locator('.composer textarea').press('Enter');
  await laptop.locator('.msg.me:not(.pending)').waitFor();
});

test('the same user identified in a second browser after opening continues the open chat', async () => {
  phone = await newPage();
  // A page that uses sessionStorage itself: the SDK's twilsock then keeps its continuation token there.
  await phone.evaluate(() => sessionStorage.setItem('host-page', 'kept'));
  await phone.locator('.launcher').click();
  await phone.locator('form.pre').waitFor();

  await identify(phone, signedUser);

  await phone.locator('.conversation[data-ready]').waitFor();
  const { session } = await stored(phone);
  assert.equal(session.identity, `verified:${USER.identity}`);
  assert.equal(session.conversationSid, firstChat);
  await phone.locator('.log .text', { hasText: 'Hello from the laptop' }).waitFor();
  await phone.locator('.composer textarea').fill('Hello from the phone');
  await phone.locator('.composer textarea').press('Enter');
  await phone.locator('.msg.me:not(.pending) .text', { hasText: 'Hello from the phone' }).waitFor();
  await laptop.locator('.log .text', { hasText: 'Hello from the phone' }).waitFor();
  const participants = await rest().conversations.v1.conversations(firstChat).participants.list();
  assert.deepEqual(participants.map((p) => p.identity), [`verified:${USER.identity}`]);
  assert.equal(await phone.locator('.earlier-chats').count(), 0);
  assert.deepEqual(pageErrors, []);
});

test('a reload that identifies the same user again resumes the same chat', async () => {
  await laptop.reload();
  await laptop.waitForFunction(() => window.Parley);
  await identify(laptop, signedUser);

  await laptop.locator('.log .text', { hasText: 'Hello from the laptop' }).waitFor();
  assert.equal((await stored(laptop)).session.conversationSid, firstChat);
  assert.equal(await laptop.locator('.conversation').count(), 1);
});

test('Parley.reset() closes the chat and leaves nothing of the user in storage; the next chat is anonymous', async () => {
  const { session } = await stored(phone);

  await phone.evaluate(() => window.Parley.reset());

  assert.equal(await phone.locator('.panel').isHidden(), true);
  assert.equal(await phone.locator('.conversation').count(), 0);
  const kept = await phone.evaluate(() => ({
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    session: Object.keys(sessionStorage),
  }));
  assert.deepEqual(Object.keys(kept.local).filter((k) => k.startsWith('parley-widget:')), []);
  const everything = JSON.stringify(kept.local);
  for (const secretish of [USER.identity, USER.email, USER.name, session.token, session.conversationSid])
    assert.ok(!everything.includes(secretish), `nothing kept of ${secretish.slice(0, 20)}`);
  assert.deepEqual(kept.session, ['host-page']);

  await phone.locator('.launcher').click();
  await phone.locator('#parley-field-friendlyName').fill('Someone else');
  await phone.locator('form.pre button[type=submit]').click();
  await phone.locator('.conversation[data-ready]').waitFor();
  const anonymous = (await stored(phone)).session;
  assert.doesNotMatch(anonymous.identity, /^verified:/);
  assert.deepEqual(await listed(anonymous.token), [anonymous.conversationSid]);
  assert.equal(await phone.locator('.earlier-chats').count(), 0);
});

test('under optional, a context with the identity but a wrong hash chats anonymously without the history', async () => {
  const attacker = await newPage();
  await identify(attacker, { ...signedUser, hash: identityHash(secret, 'someone-else', USER) });
  await attacker.locator('.launcher').click();

  await attacker.locator('.conversation[data-ready]').waitFor();
  const { session } = await stored(attacker);
  assert.doesNotMatch(session.identity, /^verified:/);
  assert.deepEqual(await listed(session.token), [session.conversationSid]);
  assert.equal(await attacker.locator('.earlier-chats').count(), 0);
  assert.equal(await attacker.locator('.log .text', { hasText: 'Hello from the laptop' }).count(), 0);

  // The same identify on the next page view keeps that anonymous chat (no new chat per page view).
  await attacker.reload();
  await attacker.waitForFunction(() => window.Parley);
  await identify(attacker, { ...signedUser, hash: identityHash(secret, 'someone-else', USER) });
  await attacker.locator('.conversation[data-ready]').waitFor();
  assert.equal((await stored(attacker)).session.conversationSid, session.conversationSid);
});

test('a shop page names its user in data attributes; with prefill the form shows the signed name and e-mail, and the ended chat is listed', async () => {
  await rest().conversations.v1.conversations(firstChat).update({ state: 'closed' });
  const { status } = await post(`/parley/v1/WebchatDeployments/${deployment.sid}`, {
    VerifiedPreEngagement: 'prefill',
  });
  assert.equal(status, 200);
  const attr = (value) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const tablet = await newPage(`<!doctype html><html><body><h1>Your account</h1>
    <script src="${PARLEY_URL}/widget.js" data-deployment-key="${deployment.deployment_key}" data-lang="en"
      data-fields="email*" data-identity="${attr(USER.identity)}" data-identity-hash="${signedUser.hash}"
      data-identity-name="${attr(USER.name)}" data-identity-email="${attr(USER.email)}" async></script>
    </body></html>`);
  await tablet.locator('.launcher').click();

  const name = tablet.locator('#parley-field-friendlyName');
  await tablet.waitForFunction(
    () => document.querySelector('parley-widget')?.shadowRoot?.querySelector('#parley-field-email')?.value,
  );
  assert.equal(await name.inputValue(), USER.name);
  assert.equal(await tablet.locator('#parley-field-email').inputValue(), USER.email);
  await tablet.locator('form.pre button[type=submit]').click();
  await tablet.locator('.conversation[data-ready], form.pre p.error:not(:empty)').first().waitFor();
  assert.deepEqual(await tablet.locator('form.pre p.error').allTextContents(), []);
  await tablet.locator('.conversation[data-ready]').waitFor();
  assert.equal((await stored(tablet)).session.identity, `verified:${USER.identity}`);
  await tablet.locator('.earlier-chats summary', { hasText: '1 earlier chat' }).click();
  const ended = tablet.locator(`.earlier-chat[data-sid="${firstChat}"]`);
  await ended.locator('.text', { hasText: 'Hello from the laptop' }).waitFor();
  assert.match(await ended.locator('h3').textContent(), /\(ended\)$/);
});

test('after the chat ended, "Start a new chat" starts at once as the same verified user', async () => {
  await laptop.locator('button', { hasText: 'Start a new chat' }).click();

  await laptop.waitForFunction(
    ([key, old]) => {
      const sid = JSON.parse(localStorage.getItem(`parley-widget:${key}`) ?? '{}').session?.conversationSid;
      return sid && sid !== old;
    },
    [deployment.deployment_key, firstChat],
  );
  await laptop.locator('.conversation[data-ready]').waitFor();
  assert.equal(await laptop.locator('form.pre').count(), 0);
  assert.equal((await stored(laptop)).session.identity, `verified:${USER.identity}`);
});

test('Parley.identify without a hash throws and changes nothing', async () => {
  const page = await newPage();
  const thrown = await page.evaluate(() => {
    try {
      window.Parley.identify({ identity: 'user-x' });
      return null;
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  });
  assert.equal(thrown, 'TypeError: Parley.identify: hash is required');
});

test('under required, a visitor without identity or with a wrong hash gets a clear error and no chat', async () => {
  const { status } = await post(`/parley/v1/WebchatDeployments/${deployment.sid}`, {
    IdentityVerification: 'required',
    VerifiedPreEngagement: 'skip',
  });
  assert.equal(status, 200);
  const attacker = await newPage();
  await attacker.locator('.launcher').click();
  await attacker.locator('#parley-field-friendlyName').fill('Mallory');
  await attacker.locator('form.pre button[type=submit]').click();
  await attacker.locator('form.pre .error', { hasText: 'Please sign in to chat with us.' }).waitFor();

  const right = identityHash(secret, USER.identity);
  await identify(attacker, { identity: USER.identity, hash: (right[0] === 'f' ? '0' : 'f') + right.slice(1) });

  await attacker
    .locator('.status', { hasText: 'We could not confirm who you are. Please sign in again.' })
    .waitFor();
  assert.equal(await attacker.locator('.conversation').count(), 0);
  assert.equal((await stored(attacker)).session, undefined);
});
