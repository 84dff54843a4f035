// The agent console (/console, src/main/widget/console) in a real browser, against the visitor
// widget in another: Debian's chromium driven by playwright-core. A visitor on the demo page
// starts a chat; agents log in, see it waiting, accept, reply, transfer and close it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { launchChromium } from './support/browser.mjs';
import { ACCOUNT_SID, AUTH_TOKEN, PARLEY_URL, defaultChatAddress, post, rest, webchatDeployment } from './support/parley.mjs';
import { pdf, png } from './support/files.mjs';

const WAIT = 15_000;
const SCREENSHOTS = new URL('../../../target/console-screenshots/', import.meta.url).pathname;
const PASSWORD = 'console test password';
const ANN = { identity: `ann-console-${process.pid}`, name: 'Ann Console' };
const BOB = { identity: `bob-console-${process.pid}`, name: 'Bob Console' };
const VISITOR = 'Vera <img src=x onerror="window.__xss=9">';
const XSS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  '<svg onload="window.__xss=3;alert(3)"></svg>',
  '<a href="javascript:alert(5)">click me</a>',
  '&lt;b&gt;entities&lt;/b&gt; & <b>bold</b>',
];

const IMAGE = png(64, [11, 92, 173]);
const VISITOR_IMAGE = png(48, [200, 60, 30]);
const INVOICE = pdf('Invoice 42');
const VISITOR_PDF = pdf('Visitor receipt');
const AGENT_FILES = 'Here are your files';
const WITH_FILES = [AGENT_FILES, 'A photo of the box', 'And my receipt'];

const dialogs = [];
const pageErrors = [];

mkdirSync(SCREENSHOTS, { recursive: true });
const browser = await launchChromium();
after(() => browser?.close());

for (const agent of [ANN, BOB]) {
  const { status, body } = await post('/parley/v1/Agents', {
    Identity: agent.identity,
    FriendlyName: agent.name,
    Password: PASSWORD,
  });
  if (status !== 201) throw new Error(`agent create answered ${status} ${JSON.stringify(body)}`);
}
const deployment = await webchatDeployment({ friendlyName: 'console browser test' });

/** A page in a browser context of its own: its own cookies and storage, like another person. */
async function newPage(viewport = { width: 1100, height: 750 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

async function logIn(page, agent, password = PASSWORD) {
  await page.goto(`${PARLEY_URL}/console`);
  await page.locator('#login-identity').fill(agent.identity);
  await page.locator('#login-password').fill(password);
  await page.locator('form.login button[type=submit]').click();
}

const ann = await newPage();
const visitor = await newPage();
let bob;
let conversationSid;

const waitingItem = (page) => page.locator(`.waiting li[data-sid="${conversationSid}"]`);
const consoleTexts = (page) => page.locator('.pane.live .log .msg .text').allTextContents();
const visitorTexts = () => visitor.locator('.log .msg .text').allTextContents();

test('a wrong password is refused with a message, the right one opens the console', async () => {
  await logIn(ann, ANN, 'not the password');
  await ann.locator('.login .error', { hasText: 'Wrong identity or password.' }).waitFor();

  await ann.locator('#login-password').fill(PASSWORD);
  await ann.locator('form.login button[type=submit]').click();

  await ann.locator('.top .me', { hasText: ANN.name }).waitFor();
  const cookies = await ann.context().cookies();
  const session = cookies.find((c) => c.name === 'parley_console');
  assert.equal(session?.httpOnly, true);
  assert.equal(session?.sameSite, 'Strict');
  assert.equal(await ann.evaluate(() => document.cookie), '');
  await ann.screenshot({ path: SCREENSHOTS + 'console-empty.png' });
});

test("a visitor's new chat appears waiting, live, with the pre-engagement data and a title cue", async () => {
  await visitor.goto(`${PARLEY_URL}/widget/demo?DeploymentKey=${deployment.deployment_key}`);
  await visitor.locator('.launcher').click();
  await visitor.locator('#parley-field-friendlyName').fill(VISITOR);
  await visitor.locator('form.pre button[type=submit]').click();
  await visitor.locator('.conversation[data-ready]').waitFor();
  await visitor.locator('.composer textarea').fill('My order is late');
  await visitor.keyboard.press('Enter');
  await visitor.locator('.msg.me:not(.pending)').waitFor();
  conversationSid = await visitor.evaluate(
    (key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`)).session.conversationSid,
    deployment.deployment_key,
  );

  await waitingItem(ann).waitFor();

  assert.equal(await waitingItem(ann).locator('.customer').textContent(), VISITOR);
  assert.equal(await waitingItem(ann).locator('.pre-engagement dd').first().textContent(), VISITOR);
  assert.equal(await waitingItem(ann).locator('.pre-engagement dt').first().textContent(), 'Name');
  await waitingItem(ann).locator('.preview', { hasText: 'My order is late' }).waitFor();
  assert.match(await waitingItem(ann).locator('.waited').textContent(), /^waiting /);
  assert.match(await ann.title(), /^\(\d+\) Parley console$/);
  assert.ok(Number(await ann.evaluate(() => document.body.dataset.cues)) >= 1);
  assert.equal(await ann.locator('.sr[aria-live]').textContent(), `New chat waiting: ${VISITOR}`);
  await ann.screenshot({ path: SCREENSHOTS + 'console-waiting.png' });
});

test('accepting opens the chat with its history; the visitor sees the agent join', async () => {
  await waitingItem(ann).locator('button.accept').click();

  await ann.locator(`.pane.live[data-sid="${conversationSid}"][data-ready]`).waitFor();
  assert.deepEqual(await consoleTexts(ann), ['My order is late']);
  await visitor.locator('.notice', { hasText: `${ANN.name} joined the chat` }).waitFor();
  await ann.locator(`.mine li[data-sid="${conversationSid}"]`).waitFor();
  assert.equal(await waitingItem(ann).count(), 0);
});

test('the agent reading the open chat moves its read horizon: the visitor sees "Read"', async () => {
  await visitor.locator('.msg.me[data-read] .read', { hasText: 'Read' }).waitFor();
});

test('the agent types and replies; the visitor sees the typing indicator, then the reply', async () => {
  await ann.locator('.pane.live .composer textarea').pressSequentially('Let me check');

  await visitor.locator('.typing', { hasText: `${ANN.name} is typing…` }).waitFor();
  await ann.keyboard.press('Enter');
  await visitor.locator('.log .msg .text', { hasText: 'Let me check' }).waitFor();
  await ann.locator('.pane.live .log .msg.me .text', { hasText: 'Let me check' }).waitFor();
  await ann.screenshot({ path: SCREENSHOTS + 'console-chat.png' });
});

test("the visitor's typing and messages reach the console, XSS payloads as text only", async () => {
  // The visitor last typed a few seconds ago (its first message): the SDK's default 5 s window
  // between typing signals held this one back for seconds; the widget asks for one second.
  const started = Date.now();
  const typed = visitor.locator('.composer textarea').pressSequentially('Is anyone there?', { delay: 400 });
  await ann.locator('.pane.live .typing', { hasText: `${VISITOR} is typing…` }).waitFor();
  const latency = Date.now() - started;
  console.log(`console shows the visitor typing after ${latency} ms`);
  assert.ok(latency < 1500, `typing shown after ${latency} ms`);
  await typed;
  await visitor.locator('.composer textarea').fill('');

  for (const payload of XSS) {
    await visitor.locator('.composer textarea').fill(payload);
    await visitor.keyboard.press('Enter');
  }

  await ann.locator('.pane.live .log .msg .text', { hasText: XSS.at(-1) }).waitFor();
  const shown = await consoleTexts(ann);
  for (const payload of XSS) assert.ok(shown.includes(payload), payload);
  assert.equal(await ann.evaluate(() => window.__xss), undefined);
  assert.equal(await ann.locator('.pane.live .log img, .pane.live .log script, .pane.live .log svg, .pane.live .log a').count(), 0);
});

/** The visitor's stored session in the widget: `{token, identity, conversationSid}`. */
const visitorSession = () =>
  visitor.evaluate(
    (key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`)).session,
    deployment.deployment_key,
  );
const serviceSid = async () => (await rest().conversations.v1.configuration().fetch()).defaultChatServiceSid;

/**
 * The visitor sends a file as a client of Parley's would without the widget's attachment UI: an
 * upload with its own access token (X-Twilio-Token), then a message naming it through twilio-node.
 */
async function visitorSendsFile(file, type, filename, body) {
  const session = await visitorSession();
  const upload = await fetch(
    `${PARLEY_URL}/v1/Services/${await serviceSid()}/Media?Filename=${encodeURIComponent(filename)}`,
    { method: 'POST', headers: { 'X-Twilio-Token': session.token, 'Content-Type': type }, body: file },
  );
  assert.equal(upload.status, 201);
  const media = await upload.json();
  await rest().conversations.v1.conversations(conversationSid).messages.create({
    author: session.identity,
    body,
    mediaSid: media.sid,
  });
}

/** Files dropped on `selector` of `page`, as a drag from the desktop delivers them. */
async function dropFiles(page, selector, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, files.map((f) => ({ ...f, bytes: [...f.bytes] })));
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

test('a file over the size limit is refused at once with a clear message', async () => {
  // 16 MiB through the DevTools protocol: on a loaded machine that alone has taken 17 s.
  await ann.locator('.pane.live input.file-input').setInputFiles(
    { name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(16 * 1024 * 1024 + 1) },
    { timeout: 60_000 },
  );

  await ann.locator('.pane.live .attach-error', { hasText: 'huge.bin is too large (16.0 MB; at most 16.0 MB a file).' }).waitFor();
  assert.equal(await ann.locator('.pane.live .pending-file').count(), 0);
});

test('an upload the server refuses shows its reason on the file; the message waits until it is removed', async () => {
  // The server's answer to a type it does not take (media limits with accepted types): 415.
  const refused = (url) => url.pathname.endsWith('/Media') && url.searchParams.get('Filename') === 'tool.exe';
  await ann.route(refused, (route) =>
    route.fulfill({
      status: 415,
      contentType: 'application/json',
      body: JSON.stringify({ code: 20415, message: 'Unsupported media type', more_info: 'https://www.twilio.com/docs/errors/20415', status: 415 }),
    }),
  );
  await ann.locator('.pane.live input.file-input').setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });

  const why = 'tool.exe: this type of file is not accepted.';
  await ann.locator('.pane.live .pending-file.failed .failed-text', { hasText: why }).waitFor();
  assert.equal(await ann.locator('.pane.live .attach-error').textContent(), why);
  await ann.locator('.pane.live .composer textarea').fill('With a refused file');
  await ann.locator('.pane.live .composer button[type=submit]').click();
  await ann.locator('.pane.live .status', { hasText: 'Not sent: remove the file that failed' }).waitFor();
  assert.equal(await ann.locator('.pane.live .composer textarea').inputValue(), 'With a refused file');

  await ann.locator('.pane.live .pending-file button.remove').click();
  assert.equal(await ann.locator('.pane.live .pending-file').count(), 0);
  assert.equal(await ann.locator('.pane.live .attach-error').textContent(), '');
  await ann.locator('.pane.live .composer textarea').fill('');
  await ann.unroute(refused);
});

test('the agent attaches an image with the button and drops a PDF; both upload with progress, then go in one message', async () => {
  await ann.locator('.pane.live button.attach').waitFor();
  await ann.locator('.pane.live input.file-input').setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: IMAGE });
  await dropFiles(ann, '.pane.live', [{ name: 'invoice.pdf', type: 'application/pdf', bytes: INVOICE }]);

  await ann.locator('.pane.live .pending-file.uploaded').nth(1).waitFor();
  assert.deepEqual(await ann.locator('.pane.live .pending-file .name').allTextContents(), ['cat.png', 'invoice.pdf']);
  // The chosen image's thumbnail is drawn from the file itself (a blob: URL the page's CSP allows).
  await ann.waitForFunction(() => document.querySelector('.pane.live .pending-file img.thumb')?.naturalWidth === 64);
  assert.deepEqual(await ann.locator('.pane.live .pending-file progress').evaluateAll((ps) => ps.map((p) => p.value)), [1, 1]);
  assert.equal(await ann.locator('.pane.live .attach-error').textContent(), '');
  await ann.locator('.pane.live .composer textarea').fill(AGENT_FILES);
  await ann.locator('.pane.live .composer button[type=submit]').click();

  const mine = ann.locator('.pane.live .log .msg.me', { hasText: AGENT_FILES });
  await mine.locator('.attachment img.thumb').waitFor();
  await ann.waitForFunction(() => document.querySelector('.pane.live .log .msg.me .attachment img.thumb')?.naturalWidth === 64);
  await mine.locator('.attachment .meta', { hasText: 'PDF · ' }).waitFor();
  assert.equal(await ann.locator('.pane.live .pending-file').count(), 0);

  const messages = await rest().conversations.v1.conversations(conversationSid).messages.list();
  const sent = messages.find((m) => m.body === AGENT_FILES);
  assert.equal(sent.author, ANN.identity);
  assert.deepEqual(sent.media.map((m) => [m.filename, m.content_type]), [
    ['cat.png', 'image/png'],
    ['invoice.pdf', 'application/pdf'],
  ]);
  // The visitor's own token reads both files, byte for byte.
  const { token } = await visitorSession();
  for (const [medium, bytes] of [[sent.media[0], IMAGE], [sent.media[1], INVOICE]]) {
    const described = await fetch(`${PARLEY_URL}/v1/Services/${await serviceSid()}/Media/${medium.sid}`, { headers: { 'X-Twilio-Token': token } });
    assert.equal(described.status, 200);
    const content = await fetch((await described.json()).links.content_direct_temporary);
    assert.deepEqual(Buffer.from(await content.arrayBuffer()), bytes);
  }
});

test("the visitor's image shows inline in the console; its PDF opens and downloads", async () => {
  await visitorSendsFile(VISITOR_IMAGE, 'image/png', 'photo.png', 'A photo of the box');
  await visitorSendsFile(VISITOR_PDF, 'application/pdf', 'receipt.pdf', 'And my receipt');

  const photo = ann.locator('.pane.live .log .msg:not(.me)', { hasText: 'A photo of the box' });
  await photo.locator('img.thumb[alt="photo.png"]').waitFor();
  await ann.waitForFunction(() => document.querySelector('.pane.live .log img.thumb[alt="photo.png"]')?.naturalWidth === 48);
  const receipt = ann.locator('.pane.live .log .msg:not(.me)', { hasText: 'And my receipt' });
  await receipt.locator('.attachment .name', { hasText: 'receipt.pdf' }).waitFor();
  assert.match(await receipt.locator('.attachment .meta').textContent(), /^PDF · \d+ KB|^PDF · \d+ B/);

  const [popup] = await Promise.all([ann.waitForEvent('popup'), receipt.locator('button.open').click()]);
  assert.match(popup.url(), /\/Media\/ME[0-9a-f]{32}\/Content\/Direct\?/);
  await popup.close();
  const [download] = await Promise.all([ann.waitForEvent('download'), receipt.locator('button.download').click()]);
  assert.equal(download.suggestedFilename(), 'receipt.pdf');
  assert.deepEqual(readFileSync(await download.path()), VISITOR_PDF);
  await ann.screenshot({ path: SCREENSHOTS + 'console-attachments.png' });
});

test('a transfer hands the chat to a second agent; the visitor sees the change', async () => {
  bob = await newPage();
  await logIn(bob, BOB);
  await bob.locator('.top .me', { hasText: BOB.name }).waitFor();

  await ann.locator('.pane.live select.transfer-to').selectOption(BOB.identity);
  await ann.locator('.pane.live button.transfer').click();

  await ann.locator('.main .status', { hasText: `Transferred to ${BOB.name}.` }).waitFor();
  await visitor.locator('.notice', { hasText: `${BOB.name} joined the chat` }).waitFor();
  await visitor.locator('.notice', { hasText: `${ANN.name} left the chat` }).waitFor();
  await bob.locator(`.mine li[data-sid="${conversationSid}"]`).waitFor();
  await ann.locator(`.mine li[data-sid="${conversationSid}"]`).waitFor({ state: 'detached' });
});

test('the second agent replies and closes the chat; the visitor sees it ended', async () => {
  await bob.locator(`.mine li[data-sid="${conversationSid}"] button.open`).click();
  await bob.locator(`.pane.live[data-sid="${conversationSid}"][data-ready]`).waitFor();
  assert.ok((await consoleTexts(bob)).includes('My order is late'));
  await bob.locator('.pane.live .composer textarea').fill('It ships today. Bye!');
  await bob.keyboard.press('Enter');
  await visitor.locator('.log .msg .text', { hasText: 'It ships today. Bye!' }).waitFor();

  await bob.locator('.pane.live button.close-chat').click();

  await visitor.locator('.ended', { hasText: 'This chat has ended.' }).waitFor();
  await bob.locator('.pane.live.ended').waitFor();
  for (const button of ['.composer button[type=submit]', 'button.transfer', 'button.close-chat']) {
    assert.equal(await bob.locator(`.pane.live ${button}`).isDisabled(), true, button);
  }
  assert.equal(await bob.locator('.pane.live .composer textarea').isDisabled(), true);
  await bob.locator(`.closed li[data-sid="${conversationSid}"]`).waitFor();
  await visitor.screenshot({ path: SCREENSHOTS + 'visitor-ended.png' });
});

test("a closed chat's transcript shows every message as text", async () => {
  await bob.locator(`.closed li[data-sid="${conversationSid}"] button.open`).click();

  await bob.locator(`.transcript[data-sid="${conversationSid}"]`).waitFor();
  const texts = await bob.locator('.transcript .log .msg .text').allTextContents();
  assert.deepEqual(texts, ['My order is late', 'Let me check', ...XSS, ...WITH_FILES, 'It ships today. Bye!']);
  const authors = await bob.locator('.transcript .log .msg .author').allTextContents();
  assert.deepEqual([...new Set(authors)].sort(), [ANN.name, BOB.name, VISITOR].sort());
  assert.equal(await bob.evaluate(() => window.__xss), undefined);
  await bob.locator('.transcript img.thumb[alt="cat.png"]').waitFor();
  await bob.screenshot({ path: SCREENSHOTS + 'console-transcript.png' });
});

test('the transcript download lists every attachment with its name, type, size and a link', async () => {
  const [download] = await Promise.all([
    bob.waitForEvent('download'),
    bob.locator('.transcript button.download-transcript').click(),
  ]);
  assert.equal(download.suggestedFilename(), `transcript-${conversationSid}.txt`);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.includes(`${ANN.name}: ${AGENT_FILES}\n`), text);
  assert.match(text, /: Here are your files\n {4}Attachment: cat\.png \(PNG image, \d+ K?B\) http:\/\/\S+\/Content\/Direct\?\S+\n {4}Attachment: invoice\.pdf \(PDF, \d+ K?B\) http/);
  assert.match(text, /And my receipt\n {4}Attachment: receipt\.pdf \(PDF, \d+ K?B\) http/);
  assert.match(text, /It ships today\. Bye!/);
});

test('a reload keeps the agent logged in; Log out ends the session for good', async () => {
  await ann.reload();
  await ann.locator('.top .me', { hasText: ANN.name }).waitFor();

  await ann.locator('button.logout').click();

  await ann.locator('form.login').waitFor();
  await ann.reload();
  await ann.locator('form.login').waitFor();
  const response = await ann.request.get(`${PARLEY_URL}/console/session`);
  assert.equal(response.status(), 401);
});

test("the account's console link fills in the account and logs in to it", async () => {
  await ann.goto(`${PARLEY_URL}/console?account=${ACCOUNT_SID}`);
  assert.equal(await ann.locator('#login-account').inputValue(), ACCOUNT_SID);
  assert.equal(await ann.locator('details.account').getAttribute('open'), '');

  await ann.locator('#login-identity').fill(ANN.identity);
  await ann.locator('#login-password').fill(PASSWORD);
  await ann.locator('form.login button[type=submit]').click();

  await ann.locator('.top .me', { hasText: ANN.name }).waitFor();
  const session = await ann.request.get(`${PARLEY_URL}/console/session`);
  assert.equal((await session.json()).account_sid, ACCOUNT_SID);
});

const RITA = 'Rita Returning';
const PAGE = 'https://shop.example/orders/42';
const THANKS = 'Thank you for waiting, I am looking into it now.';
let rita;
let ritaEarlier;
let ritaNow;
let sol;

/** A visitor's chat through the public Webchat Init, as the widget starts one; `{identity, conversation_sid}`. */
async function init(name, preEngagement, identity) {
  const form = {
    DeploymentKey: deployment.deployment_key,
    CustomerFriendlyName: name,
    PreEngagementData: JSON.stringify(preEngagement),
  };
  if (identity) form.Identity = identity;
  const { status, body } = await post('/v2/Webchat/Init', form, { auth: false });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

const says = (conversation, author, body) =>
  rest().conversations.v1.conversations(conversation).messages.create({ author, body });

test("a returning visitor's new chat: a desktop notification, the tone and the live region", async () => {
  await ann.context().addInitScript(() => {
    window.__notifications = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission() {
        return Promise.resolve('granted');
      }
      constructor(title, options) {
        window.__notifications.push({ title, ...options });
      }
      close() {}
    };
  });
  await ann.reload();
  await ann.locator('.waiting .chats > li').first().waitFor();
  await ann.locator('.top h1').click(); // a gesture: browsers allow sound after one

  const earlier = await init(RITA, { friendlyName: RITA });
  rita = earlier.identity;
  ritaEarlier = earlier.conversation_sid;
  await says(ritaEarlier, rita, 'My first question');
  await rest().conversations.v1.conversations(ritaEarlier).update({ state: 'closed' });
  ritaNow = (
    await init(RITA, { friendlyName: RITA, email: 'rita@example.com', location: PAGE, orderNumber: '42' }, rita)
  ).conversation_sid;
  await says(ritaNow, rita, 'Where is my order?');

  await ann.locator(`.waiting li[data-sid="${ritaNow}"] .preview`, { hasText: 'Where is my order?' }).waitFor();
  const shown = await ann.evaluate(() => window.__notifications);
  const mine = shown.find((n) => n.tag === ritaNow);
  assert.equal(mine?.title, 'New chat waiting');
  assert.ok(mine.body.startsWith(RITA), mine.body);
  assert.equal(await ann.locator('.sr[aria-live]').textContent(), `New chat waiting: ${RITA}`);
  assert.ok(Number(await ann.evaluate(() => document.body.dataset.chimes)) >= 1, 'the tone played');
  assert.equal(await ann.locator('button.notifications').count(), 0, 'no "Turn on" once granted');
});

test('Alt+Shift+A accepts the selected waiting chat; the details show labelled answers, the page and the earlier chat', async () => {
  const item = ann.locator(`.waiting li[data-sid="${ritaNow}"]`);
  assert.match(await item.locator('button.accept').getAttribute('title'), /Alt\+Shift\+A/);
  await item.locator('button.accept').focus();
  await ann.keyboard.press('Alt+Shift+A');

  await ann.locator(`.pane.live[data-sid="${ritaNow}"][data-ready]`).waitFor();
  const details = ann.locator('.pane.live .details');
  await details.locator('.earlier li').first().waitFor();
  assert.deepEqual(await details.locator('.pre-engagement dt').allTextContents(), ['Name', 'E-mail', 'Page', 'Order number']);
  assert.deepEqual(await details.locator('.pre-engagement dd').allTextContents(), [RITA, 'rita@example.com', PAGE, '42']);
  assert.equal(await details.locator('a.page').getAttribute('href'), PAGE);
  assert.equal(await details.locator('a.page').getAttribute('rel'), 'noopener noreferrer');
  const earlier = details.locator(`.earlier li[data-sid="${ritaEarlier}"]`);
  assert.equal(await earlier.locator('.preview').textContent(), 'My first question');
  await earlier.locator('button.show-earlier').click();
  await earlier.locator('.earlier-log li', { hasText: `${RITA}: My first question` }).waitFor();
  await ann.screenshot({ path: SCREENSHOTS + 'console-details.png' });
});

test('a saved reply: "/" opens the picker, Enter inserts it, Ctrl+Enter sends it', async () => {
  for (const [code, body] of [['thanks', THANKS], ['hours', 'We answer from 9 to 5.']]) {
    const { status } = await post('/parley/v1/CannedResponses', { ShortCode: code, Body: body });
    assert.equal(status, 201);
  }
  const box = ann.locator('.pane.live .composer textarea');
  await box.focus();
  await box.pressSequentially('/th');

  await ann.locator('.pane.live .canned-picker .option.active .code', { hasText: '/thanks' }).waitFor();
  assert.equal(await ann.locator('.pane.live .canned-picker .option').count(), 1);
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await ann.keyboard.press('Enter');
  assert.equal(await box.inputValue(), THANKS);
  assert.equal(await ann.locator('.pane.live .canned-picker').isHidden(), true);
  await ann.keyboard.press('Control+Enter');

  await ann.locator('.pane.live .log .msg.me .text', { hasText: THANKS }).waitFor();
  const messages = await rest().conversations.v1.conversations(ritaNow).messages.list();
  assert.equal(messages.at(-1).body, THANKS);
  assert.equal(messages.at(-1).author, ANN.identity);
});

test('read receipts: the visitor reading the reply marks it "Read" in the console', async () => {
  const messages = await rest().conversations.v1.conversations(ritaNow).messages.list();
  const participants = await rest().conversations.v1.conversations(ritaNow).participants.list();
  const visitorParticipant = participants.find((p) => p.identity === rita);
  assert.equal(await ann.locator('.pane.live .msg.me[data-read]').count(), 0);

  await rest()
    .conversations.v1.conversations(ritaNow)
    .participants(visitorParticipant.sid)
    .update({ lastReadMessageIndex: messages.at(-1).index });

  await ann.locator('.pane.live .log .msg.me[data-read] .read', { hasText: 'Read' }).waitFor();
});

test("My chats show each chat's preview and unread count while another is in view", async () => {
  sol = (await init('Sol Second', { friendlyName: 'Sol Second' })).conversation_sid;
  await ann.locator(`.waiting li[data-sid="${sol}"] button.accept`).click();
  await ann.locator(`.pane.live[data-sid="${sol}"][data-ready]`).waitFor();

  await says(ritaNow, rita, 'Hello?');
  await says(ritaNow, rita, 'Are you still there?');

  const ritaItem = ann.locator(`.mine li[data-sid="${ritaNow}"]`);
  await ritaItem.locator('.unread', { hasText: '2' }).waitFor();
  assert.equal(await ritaItem.locator('.unread').getAttribute('aria-label'), '2 unread');
  await ritaItem.locator('.preview', { hasText: 'Are you still there?' }).waitFor();
  await ann.screenshot({ path: SCREENSHOTS + 'console-unread.png' });

  await ritaItem.locator('button.open').click();
  await ann.locator(`.pane.live[data-sid="${ritaNow}"][data-ready]`).waitFor();
  await ritaItem.locator('.unread').waitFor({ state: 'hidden' });
  assert.equal(await ritaItem.locator('.unread').isHidden(), true);
});

test('the shortcuts are listed in a help dialog (Alt+Shift+K) and on the buttons', async () => {
  await ann.keyboard.press('Alt+Shift+K');
  const dialog = ann.locator('dialog.shortcuts');
  await dialog.waitFor();
  const text = await dialog.textContent();
  for (const keys of ['Alt+Shift+A', 'Enter or Ctrl+Enter', 'Alt+Shift+C', 'Alt+Shift+U', '/'])
    assert.ok(text.includes(keys), keys);
  await ann.screenshot({ path: SCREENSHOTS + 'console-shortcuts.png' });
  await ann.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.match(await ann.locator('.pane.live button.close-chat').getAttribute('title'), /Alt\+Shift\+C/);
  assert.equal(await ann.locator('.pane.live button.close-chat').getAttribute('aria-keyshortcuts'), 'Alt+Shift+C');
});

test('saved replies are added and deleted from the console', async () => {
  await ann.locator('button.manage-replies').click();
  const dialog = ann.locator('dialog.replies');
  await dialog.locator('.reply-list .code', { hasText: '/thanks' }).waitFor();
  await dialog.locator('#reply-code').fill('bye');
  await dialog.locator('#reply-body').fill('Have a good day!');
  await dialog.locator('form.new-reply button[type=submit]').click();

  await dialog.locator('.reply-list .code', { hasText: '/bye' }).waitFor();
  const saved = await fetch(`${PARLEY_URL}/parley/v1/CannedResponses/bye`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64') },
  });
  assert.equal((await saved.json()).body, 'Have a good day!');

  await dialog.locator('button.delete-reply[aria-label="Delete /bye"]').click();
  await dialog.locator('.reply-list .code', { hasText: '/bye' }).waitFor({ state: 'detached' });
  await dialog.locator('form[method=dialog] button').click();
});

test('Alt+Shift+C closes the open chat', async () => {
  await ann.locator('.pane.live .composer textarea').focus();
  await ann.keyboard.press('Alt+Shift+C');

  await ann.locator(`.pane.live.ended[data-sid="${ritaNow}"]`).waitFor();
  assert.equal((await rest().conversations.v1.conversations(ritaNow).fetch()).state, 'closed');
});

test('at phone size the console is one column with no sideways scrolling', async () => {
  await ann.locator(`.mine li[data-sid="${sol}"] button.open`).click();
  await ann.locator(`.pane.live[data-sid="${sol}"][data-ready]`).waitFor();
  await ann.setViewportSize({ width: 390, height: 844 });

  assert.ok(await ann.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll');
  const lists = await ann.locator('nav.lists').boundingBox();
  const pane = await ann.locator('.pane.live').boundingBox();
  assert.ok(pane.y >= lists.y + lists.height - 1, 'the chat is below the lists');
  for (const part of ['.pane.live .composer textarea', '.pane.live .composer button[type=submit]', '.pane.live button.attach']) {
    const box = await ann.locator(part).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `${part} fits the width`);
  }
  await ann.screenshot({ path: SCREENSHOTS + 'console-phone.png', fullPage: true });
  await ann.setViewportSize({ width: 1100, height: 750 });
  await ann.screenshot({ path: SCREENSHOTS + 'console-desktop.png' });
});

const PHONE = { width: 390, height: 844 };

test('at phone size an agent accepts, replies, pastes an image and closes a chat', async () => {
  const phone = await newPage(PHONE);
  await logIn(phone, BOB);
  await phone.locator('.top .me', { hasText: BOB.name }).waitFor();
  const pia = await init('Pia Phone', { friendlyName: 'Pia Phone', email: 'pia@example.com', query: 'Refund' });
  await says(pia.conversation_sid, pia.identity, 'Can I get a refund?');

  const item = phone.locator(`.waiting li[data-sid="${pia.conversation_sid}"]`);
  await item.locator('.preview', { hasText: 'Can I get a refund?' }).waitFor();
  assert.deepEqual(await item.locator('.pre-engagement dt').allTextContents(), ['Name', 'E-mail', 'Question']);
  await phone.screenshot({ path: SCREENSHOTS + 'console-phone-waiting.png' });
  await item.locator('button.accept').click();
  await phone.locator(`.pane.live[data-sid="${pia.conversation_sid}"][data-ready]`).waitFor();
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll');

  await phone.locator('.pane.live .composer textarea').fill('Yes, here is the form.');
  await phone.locator('.pane.live .composer button[type=submit]').click();
  await phone.locator('.pane.live .composer textarea').evaluate((box, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [...IMAGE]);
  await phone.locator('.pane.live .pending-file.uploaded').waitFor();
  assert.match(await phone.locator('.pane.live .pending-file .name').textContent(), /^pasted-\d+\.png$/);
  await phone.locator('.pane.live .composer button[type=submit]').click();
  await phone.locator('.pane.live .log .msg.me .attachment img.thumb').waitFor();
  const messages = await rest().conversations.v1.conversations(pia.conversation_sid).messages.list();
  assert.deepEqual(messages.map((m) => m.body), ['Can I get a refund?', 'Yes, here is the form.', null]);
  assert.equal(messages.at(-1).media[0].content_type, 'image/png');
  await phone.screenshot({ path: SCREENSHOTS + 'console-phone-chat.png', fullPage: true });

  await phone.locator('.pane.live button.close-chat').click();
  await phone.locator('.pane.live.ended').waitFor();
  for (const control of ['.composer textarea', '.composer button[type=submit]', 'button.attach', 'button.close-chat'])
    assert.equal(await phone.locator(`.pane.live ${control}`).isDisabled(), true, control);
  assert.equal((await rest().conversations.v1.conversations(pia.conversation_sid).fetch()).state, 'closed');
  await phone.context().close();
});

test('a verified visitor is marked "Verified" with its signed fields labelled; a forged claim is not', async () => {
  const address = await defaultChatAddress();
  const created = await post('/parley/v1/WebchatDeployments', {
    AddressSid: address.sid,
    FriendlyName: 'console verified test',
    IdentityVerification: 'optional',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { deployment_key: key, identity_secret: secret } = created.body;
  const user = `vic-${process.pid}`;
  const attributes = JSON.stringify({ plan: 'gold', customerId: 'C-7' });
  const message = [user, 'Vic Verified', 'vic@example.com', attributes].join('\n');
  const signed = await post(
    '/v2/Webchat/Init',
    {
      DeploymentKey: key,
      Identity: user,
      IdentityHash: createHmac('sha256', secret).update(message).digest('hex'),
      IdentityFriendlyName: 'Vic Verified',
      IdentityEmail: 'vic@example.com',
      IdentityAttributes: attributes,
    },
    { auth: false },
  );
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  const vic = signed.body.conversation_sid;
  const forged = await init('Mallory', {
    friendlyName: 'Mallory',
    verified: true,
    identity_verified: true,
    signedFields: ['email'],
    email: 'ceo@example.com',
  });

  const agent = await newPage();
  await logIn(agent, BOB);
  const item = agent.locator(`.waiting li[data-sid="${vic}"]`);
  await item.getByRole('img', { name: 'Verified visitor' }).waitFor();
  assert.equal(await item.locator('.verified').textContent(), '\u2713 Verified');
  assert.deepEqual(await item.locator('.verified-fields dt').allTextContents(), ['Identity', 'Name', 'E-mail', 'Plan', 'Customer id']);
  assert.deepEqual(await item.locator('.verified-fields dd').allTextContents(), [user, 'Vic Verified', 'vic@example.com', 'gold', 'C-7']);
  const fake = agent.locator(`.waiting li[data-sid="${forged.conversation_sid}"]`);
  await fake.waitFor();
  assert.equal(await fake.getByRole('img', { name: 'Verified visitor' }).count(), 0);
  assert.equal(await fake.locator('.verified-fields').count(), 0);
  assert.deepEqual(await fake.locator('.pre-engagement dt').allTextContents(), ['Name', 'E-mail']);
  await agent.screenshot({ path: SCREENSHOTS + 'console-verified-waiting.png' });

  await item.locator('button.accept').click();
  const details = agent.locator(`.pane.live[data-sid="${vic}"][data-ready] .details`);
  await details.getByRole('img', { name: 'Verified visitor' }).waitFor();
  assert.deepEqual(await details.locator('.verified-fields dd').allTextContents(), [user, 'Vic Verified', 'vic@example.com', 'gold', 'C-7']);
  assert.equal(await details.locator('.identity code').textContent(), `verified:${user}`);
  await agent.screenshot({ path: SCREENSHOTS + 'console-verified-details.png' });
  for (const sid of [vic, forged.conversation_sid]) await rest().conversations.v1.conversations(sid).update({ state: 'closed' });
  await agent.context().close();
});

test('nothing ran as HTML, no dialog opened and no page failed', async () => {
  assert.deepEqual(dialogs, []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(await visitorTexts(), ['My order is late', 'Let me check', ...XSS, ...WITH_FILES, 'It ships today. Bye!']);
});

test('the console never writes HTML: no innerHTML and the like in its sources', () => {
  const dir = new URL('../../main/widget/console/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/, file);
  }
});
