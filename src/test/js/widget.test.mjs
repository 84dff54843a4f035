// The visitor widget (src/main/widget) in a real browser: Debian's chromium driven by
// playwright-core opens Parley's demo page (or a host page of another origin) and chats with an
// agent, an unmodified @twilio/conversations client in Node added through REST as a Flex task is.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { launchChromium } from './support/browser.mjs';
import {
  PARLEY_URL,
  agentToken,
  conversationsClient,
  guestInit,
  post,
  rest,
  waitForEvent,
  webchatDeployment,
} from './support/parley.mjs';
import { relay } from './support/proxy.mjs';

const WAIT = 15_000;
const SCREENSHOTS = new URL('../../../target/widget-screenshots/', import.meta.url).pathname;
const AGENT = { identity: `agent-widget-${process.pid}`, friendlyName: 'Bob Agent' };
const XSS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  '<svg onload="window.__xss=3;alert(3)"></svg>',
  '"><iframe src="javascript:alert(4)"></iframe>',
  '<a href="javascript:alert(5)">click me</a>',
  '&lt;b&gt;entities&lt;/b&gt; & <b>bold</b>',
];

const dialogs = [];
const pageErrors = [];

// Set up at the top level, not in before(): conversationsClient registers its own after() hook,
// which must belong to the whole file for the agent to stay connected across the tests.
mkdirSync(SCREENSHOTS, { recursive: true });
const browser = await launchChromium();
const [deployment] = await Promise.all([
  webchatDeployment({ friendlyName: 'widget browser test' }),
  rest().conversations.v1.users.create(AGENT),
]);
const agent = await conversationsClient(await agentToken(AGENT.identity));
const page = await newPage();
let agentConversation;

after(() => browser?.close());

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const newPage = await context.newPage();
  // Generous but bounded: a loaded two-core machine can take seconds for the SDK's first sync.
  newPage.setDefaultTimeout(WAIT);
  newPage.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  newPage.on('pageerror', (error) => pageErrors.push(error.message));
  return newPage;
}

const demoUrl = (base = PARLEY_URL) => `${base}/widget/demo?DeploymentKey=${deployment.deployment_key}`;

/** `visitor` opens the demo page at `base` and starts a chat as `name`. */
async function startChat(visitor, name, base = PARLEY_URL) {
  await visitor.goto(demoUrl(base));
  await visitor.locator('.launcher').click();
  await visitor.locator('#parley-field-friendlyName').fill(name);
  await visitor.locator('form.pre button[type=submit]').click();
  await visitor.locator('.conversation[data-ready]').waitFor();
}

/** A visitor on the demo page at `base` who started a chat that the agent joined. */
async function chattingVisitor(base, name) {
  const visitor = await newPage();
  await startChat(visitor, name, base);
  const { conversationSid } = (await stored(visitor)).session;
  const joined = waitForEvent(agent, 'conversationJoined', { timeout: WAIT, filter: (c) => c.sid === conversationSid });
  await rest().conversations.v1.conversations(conversationSid).participants.create({ identity: AGENT.identity });
  const conversation = await joined;
  await visitor.locator('.notice', { hasText: 'Bob Agent joined the chat' }).waitFor();
  return { visitor, conversation, conversationSid };
}

/** The class of the element focused inside the widget's shadow root (or of the page's). */
const focused = (p = page) =>
  p.evaluate(() => {
    const inner = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return `${inner?.tagName.toLowerCase()}.${inner?.className}#${inner?.id}`;
  });

const stored = (p = page) =>
  p.evaluate((key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`) ?? '{}'), deployment.deployment_key);

/** The texts of the messages shown, in order. */
const shownTexts = (p = page) => p.locator('.log .msg .text').allTextContents();

test('a visitor opens the widget, fills the form and sends a message with the keyboard only', async () => {
  await page.goto(demoUrl());

  for (let tab = 0; tab < 10 && !(await focused()).includes('launcher'); tab++) {
    await page.keyboard.press('Tab');
  }
  assert.match(await focused(), /launcher/);
  await page.keyboard.press('Enter');
  assert.match(await focused(), /#parley-field-friendlyName/);
  await page.screenshot({ path: SCREENSHOTS + 'pre-engagement-form.png' });
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#parley-field-friendlyName-error').textContent(), 'Name is required.');
  await page.keyboard.type('Ann Visitor');
  await page.keyboard.press('Enter');
  await page.locator('.composer textarea').waitFor();
  assert.match(await focused(), /textarea/);
  await page.keyboard.type('My order is late');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('Order 42');
  await page.keyboard.press('Enter');

  await page.locator('.msg.me:not(.pending)').waitFor();
  assert.deepEqual(await shownTexts(), ['My order is late\nOrder 42']);
  assert.equal(await page.locator('.composer textarea').inputValue(), '');
  assert.match((await stored()).session?.conversationSid ?? '', /^CH[0-9a-f]{32}$/);
  await page.keyboard.press('Escape');
  assert.match(await focused(), /launcher/);
  assert.equal(await page.locator('.panel').isHidden(), true);
  await page.keyboard.press('Enter');
  assert.match(await focused(), /textarea/);
});

test('an agent added through REST sees the message; the visitor sees the agent join, type, reply and read', async () => {
  const { conversationSid } = (await stored()).session;
  const joined = waitForEvent(agent, 'conversationJoined', { timeout: WAIT, filter: (c) => c.sid === conversationSid });
  await rest().conversations.v1.conversations(conversationSid).participants.create({ identity: AGENT.identity });
  agentConversation = await joined;

  const messages = await agentConversation.getMessages();
  assert.deepEqual(messages.items.map((m) => m.body), ['My order is late\nOrder 42']);
  await page.locator('.notice', { hasText: 'Bob Agent joined the chat' }).waitFor();
  await agentConversation.typing();
  await page.locator('.typing', { hasText: 'Bob Agent is typing…' }).waitFor();
  const visitor = (await stored()).session.identity;
  const readByVisitor = waitForEvent(agentConversation, 'participantUpdated', {
    timeout: WAIT,
    filter: ({ participant }) => participant.identity === visitor && participant.lastReadMessageIndex === 1,
  });
  await agentConversation.sendMessage('Sorry! Looking into it.');

  const reply = page.locator('.msg.them', { hasText: 'Sorry! Looking into it.' });
  await reply.waitFor();
  assert.match(await reply.locator('.who').textContent(), /^Bob Agent/);
  await page.locator('.sr', { hasText: 'Bob Agent: Sorry! Looking into it.' }).waitFor({ state: 'attached' });
  await readByVisitor;
  assert.equal(await page.locator('.msg.me .read').count(), 0);
  await agentConversation.setAllMessagesRead();
  await page.locator('.msg.me .read', { hasText: 'Read' }).waitFor();
  await page.screenshot({ path: SCREENSHOTS + 'conversation.png' });
});

test("the agent's messages are shown as text and never run as HTML", async () => {
  for (const payload of XSS) await agentConversation.sendMessage(payload);

  await page.locator('.msg.them .text', { hasText: XSS.at(-1) }).waitFor();
  const texts = await shownTexts();
  for (const payload of XSS) assert.ok(texts.includes(payload), `shown as text: ${payload}`);
  assert.equal(await page.locator('.log img, .log script, .log svg, .log iframe, .log a, .log b').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(pageErrors, []);
});

test('a reload resumes the same conversation, open, with its history', async () => {
  const before = (await stored()).session;

  await page.reload();

  await page.locator('.msg.them .text', { hasText: XSS.at(-1) }).waitFor();
  const texts = await shownTexts();
  assert.deepEqual(texts.slice(0, 2), ['My order is late\nOrder 42', 'Sorry! Looking into it.']);
  assert.equal((await stored()).session.conversationSid, before.conversationSid);
  const atAgent = waitForEvent(agentConversation, 'messageAdded', { timeout: WAIT });
  await page.locator('.composer textarea').fill('Still there after a reload');
  await page.locator('.composer textarea').press('Enter');
  assert.equal((await atAgent).body, 'Still there after a reload');
  assert.deepEqual(pageErrors, []);
});

test('older messages load when the visitor scrolls to the top of the history', async () => {
  const { conversationSid } = (await stored()).session;
  const messages = rest().conversations.v1.conversations(conversationSid).messages;
  for (let i = 1; i <= 35; i++) await messages.create({ author: AGENT.identity, body: `Update ${i}` });
  await page.reload();
  await page.locator('.msg .text', { hasText: 'Update 35' }).waitFor();
  const first = page.locator('.msg .text', { hasText: 'My order is late' });
  assert.equal(await first.count(), 0);

  await page.locator('.log').evaluate((log) => (log.scrollTop = 0));

  await first.waitFor();
  assert.equal(await page.locator('.log .msg').count(), 1 + 1 + XSS.length + 1 + 35);
});

test('the visitor sees the connection drop and come back, with what was missed', async () => {
  const network = await relay(PARLEY_URL);
  const { visitor, conversation } = await chattingVisitor(network.url, 'Dora');
  const banner = visitor.locator('.status', { hasText: 'Connection lost. Reconnecting…' });

  network.block();
  network.cut();
  await banner.waitFor();
  await conversation.sendMessage('Sent while you were away');
  network.unblock();

  await visitor.locator('.msg.them .text', { hasText: 'Sent while you were away' }).waitFor({ timeout: 2 * WAIT });
  await banner.waitFor({ state: 'hidden' });
  await visitor.context().close();
});

test("the visitor's message is shown as sent even when its live event never arrives", async () => {
  // The SDK ignores a message's live event when a page read at the same moment held it; dropping
  // the event here is the worst case of that race, made certain.
  const visitor = await newPage();
  let dropped = 0;
  await visitor.routeWebSocket(/\/v3\/wsconnect$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((frame) => {
      const text = frame.toString();
      if (text.includes('"list_item_added"') && text.includes('Is anyone there')) dropped++;
      else ws.send(frame);
    });
  });
  await startChat(visitor, 'Fay');

  await visitor.locator('.composer textarea').fill('Is anyone there?');
  await visitor.keyboard.press('Enter');

  await visitor.locator('.msg.me:not(.pending)', { hasText: 'Is anyone there?' }).waitFor();
  // The widget's read-back may show the message before the live event comes (on PostgreSQL the
  // event waits for the next poll of the notification channel).
  for (const deadline = Date.now() + WAIT; dropped === 0 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(dropped, 1);
  assert.deepEqual(await shownTexts(visitor), ['Is anyone there?']);
  await visitor.context().close();
});

test('messages sent in quick succession are stored and shown in the order typed', async () => {
  // The first send is held on its way to Parley: sent at once, the others would be stored first.
  const visitor = await newPage();
  await visitor.routeWebSocket(/\/v3\/wsconnect$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => {
      if (frame.toString().includes('First of three')) setTimeout(() => server.send(frame), 700);
      else server.send(frame);
    });
  });
  await startChat(visitor, 'Gus');
  const typed = ['First of three', 'Second of three', 'Third of three'];

  for (const text of typed) {
    await visitor.locator('.composer textarea').fill(text);
    await visitor.keyboard.press('Enter');
  }

  await visitor.locator('.msg.me:not(.pending)', { hasText: typed.at(-1) }).waitFor();
  const { conversationSid } = (await stored(visitor)).session;
  const messages = await rest().conversations.v1.conversations(conversationSid).messages.list();
  assert.deepEqual(messages.map((m) => m.body), typed);
  assert.deepEqual(await shownTexts(visitor), typed);
  await visitor.context().close();
});

test('a chat closed by the agent side says so and lets the visitor start a new one as the same user', async () => {
  const { visitor, conversationSid } = await chattingVisitor(PARLEY_URL, 'Erin');
  const { identity } = (await stored(visitor)).session;

  await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });

  await visitor.locator('.ended', { hasText: 'This chat has ended.' }).waitFor();
  assert.equal(await visitor.locator('.composer').count(), 0);
  await visitor.locator('.ended button', { hasText: 'Start a new chat' }).click();
  await visitor.locator('#parley-field-friendlyName').fill('Erin');
  await visitor.locator('form.pre button[type=submit]').click();
  await visitor.locator('.conversation[data-ready]').waitFor();
  const next = (await stored(visitor)).session;
  assert.equal(next.identity, identity);
  assert.notEqual(next.conversationSid, conversationSid);
  await visitor.context().close();
});

test('End chat asks first: "Keep chatting" or Escape leaves the chat open', async () => {
  const { visitor, conversationSid } = await chattingVisitor(PARLEY_URL, 'Hank');
  const endChat = visitor.locator('.end button', { hasText: 'End chat' });

  await endChat.click();
  await visitor.locator('.confirm', { hasText: 'End this chat?' }).waitFor();
  assert.match(await focused(visitor), /button\.secondary/);
  await visitor.screenshot({ path: SCREENSHOTS + 'end-chat-confirm.png' });
  await visitor.keyboard.press('Enter');
  await endChat.waitFor();
  await endChat.click();
  await visitor.keyboard.press('Escape');

  await endChat.waitFor();
  assert.match(await focused(visitor), /button\.link/);
  assert.equal(await visitor.locator('.panel').isVisible(), true);
  assert.equal(await visitor.locator('.composer').count(), 1);
  const fetched = await rest().conversations.v1.conversations(conversationSid).fetch();
  assert.equal(fetched.state, 'active');
  await visitor.context().close();
});

test('the visitor ends the chat with the keyboard: the agent sees it closed, the visitor the ended view', async () => {
  const { visitor, conversation, conversationSid } = await chattingVisitor(PARLEY_URL, 'Ivy');
  const closedAtAgent = waitForEvent(conversation, 'updated', {
    timeout: WAIT,
    filter: ({ updateReasons }) => updateReasons.includes('state') && conversation.state?.current === 'closed',
  });

  await visitor.locator('.composer textarea').focus();
  await visitor.keyboard.press('Tab');
  await visitor.keyboard.press('Tab');
  assert.match(await focused(visitor), /button\.link/);
  await visitor.keyboard.press('Enter');
  assert.match(await focused(visitor), /button\.secondary/);
  await visitor.keyboard.press('Tab');
  assert.match(await focused(visitor), /button\.primary/);
  await visitor.keyboard.press('Enter');

  await closedAtAgent;
  await visitor.locator('.ended', { hasText: 'This chat has ended.' }).waitFor();
  assert.equal(await visitor.locator('.composer, .end').count(), 0);
  assert.match(await focused(visitor), /button\.primary/);
  assert.equal(await visitor.locator('.ended button.primary').textContent(), 'Download transcript');
  const fetched = await rest().conversations.v1.conversations(conversationSid).fetch();
  assert.equal(fetched.state, 'closed');
  await visitor.screenshot({ path: SCREENSHOTS + 'ended.png' });
  await visitor.context().close();
});

test('when ending fails the visitor is told and the chat stays open, End chat focused again', async () => {
  const { visitor, conversationSid } = await chattingVisitor(PARLEY_URL, 'Nia');
  await visitor.route('**/parley/v1/Webchat/Conversations/*/Close', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":20503,"message":"down","status":503}' }),
  );

  await visitor.locator('.end button', { hasText: 'End chat' }).click();
  await visitor.locator('.confirm button.primary', { hasText: 'End chat' }).click();

  await visitor.locator('.notice', { hasText: 'The chat could not be ended. Please try again.' }).waitFor();
  assert.match(await focused(visitor), /button\.link/);
  assert.equal(await visitor.locator('.composer').count(), 1);
  const fetched = await rest().conversations.v1.conversations(conversationSid).fetch();
  assert.equal(fetched.state, 'active');
  await visitor.context().close();
});

test('the transcript of the whole history downloads as plain text, one line per message', async () => {
  const { visitor, conversation, conversationSid } = await chattingVisitor(PARLEY_URL, 'Gail');
  await visitor.locator('.composer textarea').fill('First line\nsecond line');
  await visitor.locator('.composer textarea').press('Enter');
  await visitor.locator('.msg.me:not(.pending)').waitFor();
  for (const payload of XSS) await conversation.sendMessage(payload);
  // More than one page of the SDK (the widget reads 100 at a time) and far more than is shown.
  const messages = rest().conversations.v1.conversations(conversationSid).messages;
  for (let i = 1; i <= 105; i++) await messages.create({ author: AGENT.identity, body: `Update ${i}` });
  await visitor.locator('.msg .text', { hasText: 'Update 105' }).waitFor();
  await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });
  await visitor.locator('.ended').waitFor();

  const [download] = await Promise.all([
    visitor.waitForEvent('download'),
    visitor.locator('.ended button', { hasText: 'Download transcript' }).click(),
  ]);

  assert.match(download.suggestedFilename(), /^Chat-with-us-transcript-\d{4}-\d\d-\d\d\.txt$/);
  const lines = readFileSync(await download.path(), 'utf8').split('\n');
  const at = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d`;
  assert.deepEqual(lines.slice(0, 2), ['Chat with us', '']);
  assert.match(lines[2], new RegExp(`^${at} Gail: First line$`));
  assert.equal(lines[3], '  second line');
  XSS.forEach((payload, i) => assert.match(lines[4 + i], new RegExp(`^${at} Bob Agent: `)));
  assert.deepEqual(
    lines.slice(4, 4 + XSS.length).map((line) => line.replace(new RegExp(`^${at} Bob Agent: `), '')),
    XSS,
  );
  const updates = lines.slice(4 + XSS.length, -1);
  assert.equal(updates.length, 105);
  assert.match(updates[0], new RegExp(`^${at} Bob Agent: Update 1$`));
  assert.match(updates.at(-1), new RegExp(`^${at} Bob Agent: Update 105$`));
  assert.equal(lines.at(-1), '');
  assert.equal(await visitor.evaluate(() => window.__xss), undefined);
  await visitor.context().close();
});

test("a visitor's token cannot close another visitor's conversation", async () => {
  const { visitor } = await chattingVisitor(PARLEY_URL, 'Jay');
  const { session } = await stored(visitor);
  const other = await guestInit({ name: 'Kim', deployment });

  const { status, body } = await post(
    `/parley/v1/Webchat/Conversations/${other.conversation_sid}/Close`,
    { DeploymentKey: deployment.deployment_key, Token: session.token },
    { auth: false },
  );

  assert.equal(status, 403);
  assert.equal(body.code, 20403);
  assert.equal(body.status, 403);
  const fetched = await rest().conversations.v1.conversations(other.conversation_sid).fetch();
  assert.equal(fetched.state, 'active');
  await visitor.context().close();
});

test('the widget never writes HTML: no innerHTML and the like in its sources', () => {
  const dir = new URL('../../main/widget/src/', import.meta.url);
  for (const file of readdirSync(dir)) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/, file);
  }
});

test('a page of another origin prefills the fields: no form, the chat starts on opening, in German, agents masked; typing reaches the agent', async () => {
  // Another port is another origin; the route answers it, nothing listens there.
  const hostUrl = new URL(PARLEY_URL);
  hostUrl.port = String(Number(hostUrl.port) + 1);
  const host = hostUrl.origin;
  const other = await newPage();
  await other.route(`${host}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Shop</title><h1>Shop</h1>
        <script src="${PARLEY_URL}/widget.js" data-deployment-key="${deployment.deployment_key}"
          data-lang="de" data-fields="email*, query" data-prefill-name="Carla" data-prefill-email="carla@example.com"
          data-prefill-query="Wo ist mein Paket?"
          data-title="Hilfe" data-color="#ffd400" data-mask-agent-names="true" async></script>`,
    }),
  );
  await other.goto(`${host}/`);

  const launcher = other.locator('.launcher');
  assert.equal(await launcher.getAttribute('aria-label'), 'Chat öffnen');
  assert.equal((await stored(other)).session, undefined, 'no chat before the visitor opens it');
  await launcher.click();
  await other.locator('.conversation[data-ready]').waitFor();
  assert.equal(await other.locator('form.pre').count(), 0);
  assert.equal(await other.locator('header h2').textContent(), 'Hilfe');
  assert.equal(await other.locator('.end button').textContent(), 'Chat beenden');
  assert.equal(await other.locator('.composer .attach').getAttribute('aria-label'), 'Datei anhängen');
  // Dark text on the light configured colour, for contrast.
  assert.equal(await launcher.evaluate((b) => getComputedStyle(b).color), 'rgb(0, 0, 0)');
  const { session } = await stored(other);
  const fetched = await rest().conversations.v1.conversations(session.conversationSid).fetch();
  assert.deepEqual(JSON.parse(fetched.attributes).pre_engagement_data, {
    friendlyName: 'Carla',
    email: 'carla@example.com',
    query: 'Wo ist mein Paket?',
  });
  // The SDK sends one typing signal per few seconds, so this is the visitor's first.
  const joined = waitForEvent(agent, 'conversationJoined', { timeout: WAIT, filter: (c) => c.sid === session.conversationSid });
  await rest().conversations.v1.conversations(session.conversationSid).participants.create({ identity: AGENT.identity });
  const conversation = await joined;
  // Agent names are masked on this page.
  await other.locator('.notice', { hasText: 'Mitarbeiter ist dem Chat beigetreten' }).waitFor();
  // The query is also the visitor's first message, as in Twilio's web chat app.
  assert.deepEqual((await conversation.getMessages()).items.map((m) => m.body), ['Wo ist mein Paket?']);
  const typing = waitForEvent(conversation, 'typingStarted', { timeout: WAIT });
  await other.locator('.composer textarea').pressSequentially('Danke');
  assert.equal((await typing).identity, session.identity);
  await other.context().close();
});

test('a page that masks agent names gets "Agent" in the transcript too', async () => {
  const hostUrl = new URL(PARLEY_URL);
  hostUrl.port = String(Number(hostUrl.port) + 1);
  const host = hostUrl.origin;
  const masked = await newPage();
  await masked.route(`${host}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Shop</title>
        <script src="${PARLEY_URL}/widget.js" data-deployment-key="${deployment.deployment_key}" data-lang="en"
          data-prefill-name="Liz" data-title="Help / Support" data-mask-agent-names="true" async></script>`,
    }),
  );
  await masked.goto(`${host}/`);
  await masked.locator('.launcher').click();
  await masked.locator('.conversation[data-ready]').waitFor();
  const { conversationSid } = (await stored(masked)).session;
  const messages = rest().conversations.v1.conversations(conversationSid).messages;
  await messages.create({ author: AGENT.identity, body: 'Hello Liz' });
  await masked.locator('.msg.them .text', { hasText: 'Hello Liz' }).waitFor();
  await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });

  const [download] = await Promise.all([
    masked.waitForEvent('download'),
    masked.locator('.ended button', { hasText: 'Download transcript' }).click(),
  ]);

  assert.match(download.suggestedFilename(), /^Help-Support-transcript-\d{4}-\d\d-\d\d\.txt$/);
  const lines = readFileSync(await download.path(), 'utf8').split('\n');
  assert.equal(lines[0], 'Help / Support');
  assert.match(lines[2], /^\d{4}-\d\d-\d\d \d\d:\d\d Agent: Hello Liz$/);
  await masked.context().close();
});

test('an unknown deployment key shows a clear error instead of "Starting…" forever', async () => {
  const visitor = await newPage();
  await visitor.goto(`${PARLEY_URL}/widget/demo?DeploymentKey=0123456789abcdef0123456789abcdef`);
  await visitor.locator('.launcher').click();
  await visitor.locator('#parley-field-friendlyName').fill('Nora');
  await visitor.locator('form.pre button[type=submit]').click();

  await visitor.locator('form.pre .error[role=alert]', { hasText: 'This chat is not available right now.' }).waitFor();
  const button = visitor.locator('form.pre button[type=submit]');
  assert.equal(await button.textContent(), 'Start chat');
  assert.equal(await button.isEnabled(), true);
  await visitor.context().close();
});

test('"Start a new chat" shows no reconnecting bar and keeps the name', async () => {
  const { visitor, conversationSid } = await chattingVisitor(PARLEY_URL, 'Gina');
  await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });
  await visitor.locator('.ended').waitFor();
  // Every text the status bar shows from here on.
  await visitor.evaluate(() => {
    const status = document.querySelector('parley-widget').shadowRoot.querySelector('.status');
    window.__statuses = [];
    new MutationObserver(() => window.__statuses.push(status.hidden ? '' : status.textContent)).observe(status, {
      attributes: true,
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await visitor.locator('.ended button', { hasText: 'Start a new chat' }).click();

  await visitor.locator('form.pre').waitFor();
  assert.equal(await visitor.locator('#parley-field-friendlyName').inputValue(), 'Gina');
  await visitor.locator('form.pre button[type=submit]').click();
  await visitor.locator('.conversation[data-ready]').waitFor();
  // The old chat's client, shut down, must not report a lost connection.
  assert.equal(await visitor.locator('.status').isHidden(), true, await visitor.locator('.status').textContent());
  const shown = await visitor.evaluate(() => window.__statuses);
  assert.deepEqual(
    shown.filter((text) => text.includes('Connection lost')),
    [],
    `the status bar showed: ${JSON.stringify(shown)}`,
  );
  await visitor.context().close();
});

test('when the chat ends the last message stays fully in view', async () => {
  const { visitor, conversationSid } = await chattingVisitor(PARLEY_URL, 'Hana');
  const messages = rest().conversations.v1.conversations(conversationSid).messages;
  for (let i = 1; i <= 12; i++) await messages.create({ author: AGENT.identity, body: `Line ${i} of the answer` });
  await visitor.locator('.msg.them .text', { hasText: 'Line 12 of the answer' }).waitFor();

  await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });
  await visitor.locator('.ended').waitFor();

  const gap = await visitor.evaluate(() => {
    const log = document.querySelector('parley-widget').shadowRoot.querySelector('.log');
    return log.scrollHeight - log.scrollTop - log.clientHeight;
  });
  assert.ok(gap <= 1, `the log is ${gap}px short of its end`);
  await visitor.context().close();
});
