// The visitor widget's look and feel, in Debian's chromium through playwright-core, at desktop and
// phone sizes: a deployment's branding (/parley/v1/WebchatDeployments) shown by the widget and
// changed on the next load, the header with the agent once one joins, grouped messages with sent
// and read ticks, the typing bubble, the unread badge and the optional chime, full screen on a
// phone, axe-core's WCAG checks on every view, and the time from "Start chat" to a ready chat.
// Screenshots (and the timings) are left in target/widget-screenshots/.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import { launchChromium } from './support/browser.mjs';
import {
  PARLEY_URL,
  agentToken,
  conversationsClient,
  defaultChatAddress,
  post,
  rest,
  waitForEvent,
} from './support/parley.mjs';

const WAIT = 15_000;
const SCREENSHOTS = new URL('../../../target/widget-screenshots/', import.meta.url).pathname;
const AGENT = { identity: `agent-look-${process.pid}`, friendlyName: 'Bob Agent' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LOGO_URL = 'https://cdn.acme.example/logo.png';
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A real PNG of one colour, the brand's logo. */
function png(size, [r, g, b]) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => [r, g, b][i % 3])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(SCREENSHOTS, { recursive: true });
const browser = await launchChromium();
await rest().conversations.v1.users.create(AGENT);
const agent = await conversationsClient(await agentToken(AGENT.identity));
const timings = {};

after(async () => {
  writeFileSync(SCREENSHOTS + 'timings.json', JSON.stringify(timings, null, 2) + '\n');
  console.log(`widget timings: ${JSON.stringify(timings)}`);
  await browser?.close();
});

/** A deployment with `look` (the API's parameters); its JSON. */
async function deployment(look = {}) {
  const address = await defaultChatAddress();
  const { status, body } = await post('/parley/v1/WebchatDeployments', {
    AddressSid: address.sid,
    FriendlyName: 'widget look test',
    ...look,
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

async function newPage(size = DESKTOP) {
  const context = await browser.newContext(size);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  // The brand's logo, as its CDN would serve it.
  await page.route(LOGO_URL, (route) => route.fulfill({ contentType: 'image/png', body: png(64, [20, 40, 90]) }));
  return page;
}

const demo = (key) => `${PARLEY_URL}/widget/demo?DeploymentKey=${key}`;

const stored = (page, key) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`) ?? '{}'), key);

/** axe-core's WCAG 2.1 A and AA violations inside the widget (its shadow root included). */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(
      { include: [['parley-widget']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found;
}

/** Fills the form and starts the chat; the milliseconds from the click to a ready chat. */
async function start(page, name) {
  await page.locator('#parley-field-friendlyName').fill(name);
  await page.evaluate(() => {
    const root = document.querySelector('parley-widget').shadowRoot;
    window.__ready = new Promise((resolve) => {
      const started = { at: 0 };
      root.querySelector('form.pre button[type=submit]').addEventListener('click', () => (started.at = performance.now()), {
        once: true,
      });
      new MutationObserver((_, observer) => {
        if (root.querySelector('.conversation[data-ready]')) {
          observer.disconnect();
          resolve(performance.now() - started.at);
        }
      }).observe(root, { subtree: true, childList: true, attributes: true });
    });
  });
  await page.locator('form.pre button[type=submit]').click();
  await page.locator('.conversation[data-ready]').waitFor();
  return page.evaluate(() => window.__ready);
}

async function joinAsAgent(conversationSid) {
  const joined = waitForEvent(agent, 'conversationJoined', { timeout: WAIT, filter: (c) => c.sid === conversationSid });
  await rest().conversations.v1.conversations(conversationSid).participants.create({ identity: AGENT.identity });
  return joined;
}

test("a deployment's branding is the widget's look: colour, title, greeting, logo, availability, launcher corner, fields and labels", async () => {
  const { deployment_key: key } = await deployment({
    Color: '#ffd400',
    Title: 'Acme Support',
    Greeting: 'Hi! Ask us about your order.',
    LogoUrl: LOGO_URL,
    LauncherPosition: 'left',
    Availability: 'We reply in a few minutes',
    PreEngagementFields: JSON.stringify([
      { key: 'friendlyName', label: 'Your name', required: true },
      { key: 'email', label: 'Work e-mail', required: true },
      { key: 'query', label: 'What is it about?' },
    ]),
  });
  const page = await newPage();
  await page.goto(demo(key));
  const launcher = page.locator('.launcher');

  await launcher.click();

  assert.ok((await launcher.boundingBox()).x < 100, 'the launcher sits in the bottom left corner');
  assert.equal(await launcher.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(255, 212, 0)');
  assert.equal(await launcher.evaluate((b) => getComputedStyle(b).color), 'rgb(0, 0, 0)');
  assert.equal(await page.locator('header h2').textContent(), 'Acme Support');
  assert.equal(await page.locator('header .subtitle').textContent(), 'We reply in a few minutes');
  assert.equal(await page.locator('.panel').getAttribute('aria-label'), 'Acme Support');
  await page.waitForFunction(() => document.querySelector('parley-widget').shadowRoot.querySelector('header img.logo')?.naturalWidth === 64);
  assert.equal(await page.locator('header img.logo').getAttribute('src'), LOGO_URL);
  assert.equal(await page.locator('.greeting').textContent(), 'Hi! Ask us about your order.');
  assert.deepEqual(await page.locator('form.pre label').allTextContents(), [
    'Your name (required)',
    'Work e-mail (required)',
    'What is it about?',
  ]);
  assert.equal(await page.locator('#parley-field-email').getAttribute('type'), 'email');
  assert.deepEqual(await violations(page), []);
  await page.screenshot({ path: SCREENSHOTS + 'branded-form.png' });
  await page.context().close();
});

test("a change to the deployment shows to a new visitor at once and to a returning one within a minute; the page's own data attributes win", async () => {
  const { sid, deployment_key: key } = await deployment({ Title: 'Acme Support', Color: '#0b5cad' });
  const page = await newPage();
  let reads = 0;
  page.on('request', (request) => request.url().endsWith('/parley/v1/Webchat/Appearance') && reads++);
  await page.goto(demo(key));
  assert.equal(await page.locator('header h2').textContent(), 'Acme Support');

  const { status } = await post(`/parley/v1/WebchatDeployments/${sid}`, { Title: 'Acme Help', Color: '#7a1f8a' });
  assert.equal(status, 200);
  const newcomer = await newPage();
  await newcomer.goto(demo(key));
  assert.equal(await newcomer.locator('header h2').textContent(), 'Acme Help');
  await newcomer.context().close();
  // The returning visitor's look was read less than a minute ago: kept, no request.
  await page.reload();
  assert.equal(await page.locator('header h2').textContent(), 'Acme Support');
  assert.equal(reads, 1);
  await page.evaluate((key) => {
    const name = `parley-widget-look:${key}`;
    const kept = JSON.parse(localStorage.getItem(name));
    localStorage.setItem(name, JSON.stringify({ ...kept, at: kept.at - 61_000 }));
  }, key);
  await page.reload();

  await page.locator('header h2', { hasText: 'Acme Help' }).waitFor({ state: 'attached' });
  assert.equal(reads, 2);
  assert.equal(await page.locator('.launcher').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(122, 31, 138)');
  const hostUrl = new URL(PARLEY_URL);
  hostUrl.port = String(Number(hostUrl.port) + 1);
  await page.route(`${hostUrl.origin}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Shop</title><script src="${PARLEY_URL}/widget.js"
        data-deployment-key="${key}" data-title="Shop help" async></script>`,
    }),
  );
  await page.goto(`${hostUrl.origin}/`);
  assert.equal(await page.locator('header h2').textContent(), 'Shop help');
  assert.equal(await page.locator('.launcher').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(122, 31, 138)');
  await page.context().close();
});

test('the header names the agent once one joins; messages group, carry sent and read ticks, and the agent is seen typing', async () => {
  const { deployment_key: key } = await deployment({ Title: 'Acme Support', Availability: 'We reply in a few minutes', LogoUrl: LOGO_URL });
  const page = await newPage();
  await page.goto(demo(key));
  await page.locator('.launcher').click();
  timings.desktopStartToReadyMs = Math.round(await start(page, 'Ann Visitor'));
  const composer = page.locator('.composer textarea');
  for (const text of ['Hi!', 'My order 42 is late']) {
    await composer.fill(text);
    await composer.press('Enter');
    await page.locator('.msg.me:not(.pending) .receipt.sent').nth(text === 'Hi!' ? 0 : 1).waitFor();
  }
  const { conversationSid } = (await stored(page, key)).session;

  const conversation = await joinAsAgent(conversationSid);

  await page.locator('header .subtitle', { hasText: 'You are chatting with Bob Agent' }).waitFor();
  assert.equal(await page.locator('header .avatar').textContent(), 'BA');
  assert.equal(await page.locator('header img.logo').count(), 0);
  await conversation.typing();
  const typing = page.locator('.typing .bubble', { hasText: 'Bob Agent is typing…' });
  await typing.waitFor();
  assert.equal(await typing.locator('.dots i').count(), 3);
  await page.screenshot({ path: SCREENSHOTS + 'agent-typing.png' });
  const sent = Date.now();
  await conversation.sendMessage('Sorry to hear that!');
  await page.locator('.msg.them .text', { hasText: 'Sorry to hear that!' }).waitFor();
  timings.agentSendToScreenMs = Date.now() - sent;
  await conversation.sendMessage('Let me check order 42.');
  await page.locator('.msg.them .text', { hasText: 'Let me check order 42.' }).waitFor();
  await conversation.setAllMessagesRead();
  await page.locator('.msg.me .receipt.read').nth(1).waitFor();

  // The second of each author's messages follows the first: no second name and time shown.
  assert.deepEqual(
    await page.locator('.log .msg').evaluateAll((items) => items.map((i) => i.classList.contains('follow'))),
    [false, true, false, true],
  );
  assert.deepEqual(
    await page.locator('.log .msg.follow .who').evaluateAll((whos) => whos.map((w) => w.getBoundingClientRect().width)),
    [1, 1],
  );
  assert.equal(await page.locator('.msg.me .receipt.read .sr').first().textContent(), 'Read');
  assert.equal(await page.locator('.msg.me .receipt.sent').count(), 0);
  assert.deepEqual(await violations(page), []);
  await page.screenshot({ path: SCREENSHOTS + 'desktop-conversation.png' });
  await page.context().close();
});

test("an agent's message while the panel is closed puts a count on the launcher and, with sound on, a chime", async () => {
  const { deployment_key: key } = await deployment({ Sound: 'true' });
  const page = await newPage();
  await page.addInitScript(() => {
    window.__tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function () {
      window.__tones++;
      return create.call(this);
    };
  });
  await page.goto(demo(key));
  await page.locator('.launcher').click();
  await start(page, 'Cleo');
  const { conversationSid } = (await stored(page, key)).session;
  const conversation = await joinAsAgent(conversationSid);
  await page.locator('header .subtitle', { hasText: 'Bob Agent' }).waitFor();
  await page.keyboard.press('Escape');

  await conversation.sendMessage('Are you still there?');
  await conversation.sendMessage('We found your parcel.');

  const launcher = page.locator('.launcher');
  await page.locator('.launcher .badge', { hasText: '2' }).waitFor();
  assert.equal(await launcher.getAttribute('aria-label'), 'Open chat (2 unread messages)');
  assert.ok((await page.evaluate(() => window.__tones)) >= 4, 'two tones per message');
  await page.screenshot({ path: SCREENSHOTS + 'unread-badge.png' });
  await page.reload();
  await page.locator('.launcher .badge', { hasText: '2' }).waitFor();
  await launcher.click();
  assert.equal(await page.locator('.launcher .badge').isHidden(), true);
  assert.equal(await launcher.getAttribute('aria-label'), 'Close chat');
  await page.context().close();
});

test('without sound on, no chime plays', async () => {
  const { deployment_key: key } = await deployment();
  const page = await newPage();
  await page.addInitScript(() => {
    window.__tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function () {
      window.__tones++;
      return create.call(this);
    };
  });
  await page.goto(demo(key));
  await page.locator('.launcher').click();
  await start(page, 'Dan');
  const { conversationSid } = (await stored(page, key)).session;
  const conversation = await joinAsAgent(conversationSid);
  await page.keyboard.press('Escape');

  await conversation.sendMessage('Hello Dan');

  await page.locator('.launcher .badge', { hasText: '1' }).waitFor();
  assert.equal(await page.evaluate(() => window.__tones), 0);
  await page.context().close();
});

test('on a phone the panel fills the screen, the keyboard alone reaches everything, and axe finds nothing', async () => {
  const { deployment_key: key } = await deployment({ Title: 'Acme Support', Availability: 'We reply in a few minutes' });
  const page = await newPage(PHONE);
  await page.goto(demo(key));
  await page.screenshot({ path: SCREENSHOTS + 'phone-closed.png' });
  await page.locator('.launcher').tap();

  const panel = await page.locator('.panel').boundingBox();
  assert.deepEqual(panel, { x: 0, y: 0, width: 390, height: 844 });
  assert.equal(await page.locator('.launcher').isVisible(), false);
  assert.deepEqual(await violations(page), []);
  await page.screenshot({ path: SCREENSHOTS + 'phone-form.png' });
  timings.phoneStartToReadyMs = Math.round(await start(page, 'Eve'));
  const { conversationSid } = (await stored(page, key)).session;
  const conversation = await joinAsAgent(conversationSid);
  await conversation.sendMessage('Hi Eve, how can I help?');
  await page.locator('.msg.them .text', { hasText: 'Hi Eve' }).waitFor();
  await page.locator('.composer textarea').fill('Where is my parcel?');
  await page.locator('.composer textarea').press('Enter');
  await page.locator('.msg.me:not(.pending)').waitFor();
  assert.deepEqual(await violations(page), []);
  await page.screenshot({ path: SCREENSHOTS + 'phone-conversation.png' });
  // An on-screen keyboard shrinks the visual viewport: the panel follows, the composer stays in view.
  await page.setViewportSize({ width: 390, height: 500 });
  await page.waitForFunction(() => document.querySelector('parley-widget').shadowRoot.querySelector('.panel').getBoundingClientRect().height === 500);
  const composer = await page.locator('.composer textarea').boundingBox();
  assert.ok(composer.y + composer.height <= 500, `the message box ends at ${composer.y + composer.height}`);
  await page.setViewportSize(PHONE.viewport);

  // Keyboard only: from the message box, Tab reaches Send and End chat; Shift+Tab the attach
  // button, the log and the close button; Escape closes and gives the focus to the launcher.
  const focused = () =>
    page.evaluate(() => {
      const inner = document.activeElement.shadowRoot?.activeElement;
      return inner ? `${inner.tagName.toLowerCase()}.${inner.className}` : document.activeElement.tagName;
    });
  await page.locator('.composer textarea').focus();
  const forward = [];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Tab');
    forward.push(await focused());
  }
  assert.deepEqual(forward, ['button.primary', 'button.link']);
  await page.locator('.composer textarea').focus();
  const backward = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Shift+Tab');
    backward.push(await focused());
  }
  assert.deepEqual(backward, ['button.attach', 'ol.log', 'button.close']);
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'button.launcher');
  assert.equal(await page.locator('.launcher').isVisible(), true);
  await page.context().close();
});

test('the ended view passes axe at both sizes', async () => {
  for (const [size, name] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ]) {
    const { deployment_key: key } = await deployment();
    const page = await newPage(size);
    await page.goto(demo(key));
    await page.locator('.launcher').click();
    await start(page, 'Fay');
    const { conversationSid } = (await stored(page, key)).session;
    await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });
    await page.locator('.ended').waitFor();
    assert.deepEqual(await violations(page), [], name);
    await page.screenshot({ path: SCREENSHOTS + `${name}-ended.png` });
    await page.context().close();
  }
});
