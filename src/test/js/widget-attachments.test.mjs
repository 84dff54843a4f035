// Files in the visitor widget, in Debian's chromium through playwright-core: the visitor attaches
// an image and a PDF (button, paste, drag and drop), sees their previews and the upload's progress,
// sends them through the unmodified SDK (Media Content Service upload, then the message); files it
// cannot send are refused in words; the agent's files show inline (image) or as links (others,
// temporary URLs); the transcript names them. The agent is an unmodified @twilio/conversations
// client in Node, and twilio-node for REST.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { launchChromium } from './support/browser.mjs';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  PARLEY_URL,
  agentToken,
  conversationsClient,
  rest,
  waitForEvent,
  webchatDeployment,
} from './support/parley.mjs';

const WAIT = 15_000;
const SCREENSHOTS = new URL('../../../target/widget-screenshots/', import.meta.url).pathname;
const AGENT = { identity: `agent-attach-${process.pid}`, friendlyName: 'Bob Agent' };

/** A real PNG of `size`×`size` pixels of one colour, so the browser decodes and shows it. */
function png(size = 24, [r, g, b] = [11, 92, 173]) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => [r, g, b][i % 3])]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const IMAGE = { name: 'photo.png', mimeType: 'image/png', buffer: png() };
const INVOICE = { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF };

mkdirSync(SCREENSHOTS, { recursive: true });
const browser = await launchChromium();
const [deployment, configuration] = await Promise.all([
  webchatDeployment({ friendlyName: 'widget attachments test' }),
  rest().conversations.v1.configuration().fetch(),
  rest().conversations.v1.users.create(AGENT),
]);
const agent = await conversationsClient(await agentToken(AGENT.identity));
const pageErrors = [];

after(() => browser?.close());

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

const stored = (page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(`parley-widget:${key}`) ?? '{}'), deployment.deployment_key);

/** A visitor on the demo page who started a chat that the agent joined. */
async function chattingVisitor(name) {
  const visitor = await newPage();
  await visitor.goto(`${PARLEY_URL}/widget/demo?DeploymentKey=${deployment.deployment_key}`);
  await visitor.locator('.launcher').click();
  await visitor.locator('#parley-field-friendlyName').fill(name);
  await visitor.locator('form.pre button[type=submit]').click();
  await visitor.locator('.conversation[data-ready]').waitFor();
  const { conversationSid } = (await stored(visitor)).session;
  const joined = waitForEvent(agent, 'conversationJoined', { timeout: WAIT, filter: (c) => c.sid === conversationSid });
  await rest().conversations.v1.conversations(conversationSid).participants.create({ identity: AGENT.identity });
  const conversation = await joined;
  await visitor.locator('.notice', { hasText: 'Bob Agent joined the chat' }).waitFor();
  return { visitor, conversation, conversationSid };
}

/** The files the visitor's messages carry, as the REST API lists them. */
async function sentMedia(conversationSid) {
  const messages = await rest().conversations.v1.conversations(conversationSid).messages.list();
  return messages.flatMap((m) => m.media ?? []).map((m) => ({ filename: m.filename, content_type: m.content_type, size: m.size }));
}

/** Uploads `file` with the account's credentials, as server-side code does; its ME SID. */
async function upload({ name, mimeType, buffer }) {
  const url = `${PARLEY_URL}/v1/Services/${configuration.defaultChatServiceSid}/Media?Filename=${encodeURIComponent(name)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'),
      'Content-Type': mimeType,
    },
    body: buffer,
  });
  assert.equal(response.status, 201);
  return (await response.json()).sid;
}

/** A sparse file one byte over the 16 MB limit, in a directory of its own; its path. */
async function oversized(name) {
  const path = join(await mkdtemp(join(tmpdir(), 'parley-widget-')), name);
  await writeFile(path, '');
  await truncate(path, 16 * 1024 * 1024 + 1);
  return path;
}

/** `files` (buffers or paths) as paths of files on disk, their names kept. */
async function onDisk(files) {
  const dir = await mkdtemp(join(tmpdir(), 'parley-widget-'));
  return Promise.all(
    files.map(async (file) => {
      if (typeof file === 'string') return file;
      const path = join(dir, file.name);
      await writeFile(path, file.buffer);
      return path;
    }),
  );
}

/** Whether the image has been loaded and decoded by the browser. */
const decoded = (image) => image.evaluate((img) => img.complete && img.naturalWidth > 0);

test('the visitor attaches an image and a PDF, sees their previews, and sends them with a text as the agent receives them', async () => {
  const { visitor, conversationSid } = await chattingVisitor('Olga');
  // Held for a moment on its way, so the progress bar can be seen.
  await visitor.route('**/v1/Services/*/Media?*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });

  await visitor.locator('.composer input[type=file]').setInputFiles([IMAGE, INVOICE]);

  const tray = visitor.locator('.tray[aria-label="Files to send"] li');
  assert.equal(await tray.count(), 2);
  assert.equal(await decoded(tray.nth(0).locator('img.thumb')), true);
  assert.equal(await tray.nth(0).locator('.name').textContent(), 'photo.png');
  assert.equal(await tray.nth(1).locator('.name').textContent(), 'invoice.pdf');
  assert.equal(await tray.nth(1).locator('.meta').textContent(), `PDF · ${PDF.length} byte`);
  assert.equal(await tray.nth(1).locator('button.remove').getAttribute('aria-label'), 'Remove invoice.pdf');
  await visitor.screenshot({ path: SCREENSHOTS + 'attachments-preview.png' });
  await visitor.locator('.composer textarea').fill('Here is the invoice');
  await visitor.keyboard.press('Enter');

  const bar = visitor.locator('.msg.pending progress[aria-label="Uploading…"]');
  await bar.waitFor();
  assert.equal(await visitor.locator('.tray li').count(), 0);
  const image = visitor.locator('.msg.me:not(.pending) a.media.image img[alt="photo.png"]');
  await image.waitFor();
  await visitor.waitForFunction(
    () => {
      const img = document.querySelector('parley-widget').shadowRoot.querySelector('a.media.image img');
      return img?.complete && img.naturalWidth === 24;
    },
    null,
    { timeout: WAIT },
  );
  const pdf = visitor.locator('.msg.me:not(.pending) a.media.file', { hasText: 'invoice.pdf' });
  await pdf.waitFor();
  await bar.waitFor({ state: 'detached' });
  assert.match(await pdf.getAttribute('href'), new RegExp(`^${PARLEY_URL}/v1/Services/IS[0-9a-f]{32}/Media/ME[0-9a-f]{32}/Content/Direct\\?`));
  assert.equal(await pdf.getAttribute('aria-label'), 'Open invoice.pdf');
  await visitor.locator('.msg.me .text', { hasText: 'Here is the invoice' }).waitFor();
  // The temporary URL needs no credentials.
  const content = await fetch(await pdf.getAttribute('href'));
  assert.equal(content.status, 200);
  assert.equal(content.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await content.arrayBuffer()), PDF);
  assert.deepEqual(
    (await sentMedia(conversationSid)).sort((a, b) => a.filename.localeCompare(b.filename)),
    [
      { filename: 'invoice.pdf', content_type: 'application/pdf', size: PDF.length },
      { filename: 'photo.png', content_type: 'image/png', size: IMAGE.buffer.length },
    ],
  );
  await visitor.screenshot({ path: SCREENSHOTS + 'attachments-sent.png' });
  assert.deepEqual(pageErrors, []);
  await visitor.context().close();
});

test('files the widget cannot send are refused in words before any upload: type, size, empty', async () => {
  const { visitor, conversationSid } = await chattingVisitor('Pia');
  let uploads = 0;
  visitor.on('request', (request) => request.url().includes('/Media') && request.method() === 'POST' && uploads++);

  const files = [
    { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    await oversized('scan.pdf'),
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    INVOICE,
  ];
  // Files on disk: the browser reads them where they are (a 16 MB buffer would be copied over).
  await visitor.locator('.composer input[type=file]').setInputFiles(await onDisk(files));

  const alert = visitor.locator('.composer .refusals[role=alert]');
  assert.deepEqual((await alert.innerText()).split('\n'), [
    'setup.exe cannot be sent: files of this type are not accepted.',
    'scan.pdf cannot be sent: it is larger than 16 MB.',
    'empty.txt cannot be sent: it is empty.',
  ]);
  assert.deepEqual(await visitor.locator('.tray li .name').allTextContents(), ['invoice.pdf']);
  await visitor.screenshot({ path: SCREENSHOTS + 'attachments-refused.png' });
  await visitor.locator('.tray button.remove').click();
  assert.equal(await visitor.locator('.tray li').count(), 0);
  assert.equal(await visitor.locator('.tray').isHidden(), true);
  // The focus goes back to the message box, not to the page.
  assert.equal(await visitor.evaluate(() => document.activeElement.shadowRoot.activeElement.tagName), 'TEXTAREA');
  assert.equal(uploads, 0);
  assert.deepEqual(await sentMedia(conversationSid), []);
  await visitor.context().close();
});

test('a file the server refuses is said so, and stays ready to send again with the text', async () => {
  const { visitor } = await chattingVisitor('Quinn');
  await visitor.route('**/v1/Services/*/Media?*', (route) =>
    route.fulfill({
      status: 415,
      contentType: 'application/json',
      body: JSON.stringify({ code: 20415, message: 'Media of type application/pdf is not accepted', status: 415 }),
    }),
  );

  await visitor.locator('.composer input[type=file]').setInputFiles([INVOICE]);
  await visitor.locator('.composer textarea').fill('The invoice');
  await visitor.locator('.composer button[type=submit]').click();

  await visitor
    .locator('.notice', { hasText: 'The files could not be sent: this type of file is not accepted.' })
    .waitFor();
  assert.deepEqual(await visitor.locator('.tray li .name').allTextContents(), ['invoice.pdf']);
  assert.equal(await visitor.locator('.composer textarea').inputValue(), 'The invoice');
  assert.equal(await visitor.locator('.msg.me').count(), 0);
  await visitor.context().close();
});

test('an image pasted into the message box and a file dropped on the chat join the files to send', async () => {
  const { visitor } = await chattingVisitor('Rita');
  const files = (list) =>
    visitor.evaluateHandle(
      (list) => {
        const data = new DataTransfer();
        for (const { name, type, bytes } of list) data.items.add(new File([new Uint8Array(bytes)], name, { type }));
        return data;
      },
      list.map(({ name, mimeType, buffer }) => ({ name, type: mimeType, bytes: [...buffer] })),
    );

  const pasted = await files([{ ...IMAGE, name: 'image.png' }]);
  await visitor
    .locator('.composer textarea')
    .evaluate(
      (box, data) => box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })),
      pasted,
    );
  const dropped = await files([INVOICE]);
  await visitor.locator('.conversation').dispatchEvent('dragenter', { dataTransfer: dropped });
  assert.equal(await visitor.locator('.drop').isVisible(), true);
  assert.equal(await visitor.locator('.drop').textContent(), 'Drop files here to attach them');
  await visitor.screenshot({ path: SCREENSHOTS + 'attachments-drop.png' });
  await visitor.locator('.conversation').dispatchEvent('drop', { dataTransfer: dropped });

  assert.equal(await visitor.locator('.drop').isVisible(), false);
  assert.deepEqual(await visitor.locator('.tray li .name').allTextContents(), ['image.png', 'invoice.pdf']);
  assert.equal(await decoded(visitor.locator('.tray li img.thumb')), true);
  await visitor.context().close();
});

test('the attach button is reached with the keyboard, labelled, and opens the file chooser', async () => {
  const { visitor } = await chattingVisitor('Sam');
  // Asked for first: Playwright intercepts the chooser only once this has reached the browser.
  const chooserOpened = visitor.waitForEvent('filechooser');
  await visitor.locator('.composer textarea').focus();

  await visitor.keyboard.press('Shift+Tab');

  const focused = await visitor.evaluate(() => {
    const inner = document.activeElement.shadowRoot.activeElement;
    return { className: inner.className, label: inner.getAttribute('aria-label') };
  });
  assert.deepEqual(focused, { className: 'attach', label: 'Attach a file' });
  await visitor.keyboard.press('Enter');
  const chooser = await chooserOpened;
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles([INVOICE]);
  assert.deepEqual(await visitor.locator('.tray li .name').allTextContents(), ['invoice.pdf']);
  await visitor.context().close();
});

test("the agent's image shows inline and its PDF as a link; the transcript names both", async () => {
  const { visitor, conversationSid } = await chattingVisitor('Tom');
  const messages = rest().conversations.v1.conversations(conversationSid).messages;
  const image = await upload({ ...IMAGE, name: 'diagram.png', buffer: png(32, [200, 30, 30]) });
  const invoice = await upload(INVOICE);

  await messages.create({ author: AGENT.identity, body: 'Your diagram and the invoice', mediaSid: [image, invoice] });

  const shown = visitor.locator('.msg.them a.media.image img[alt="diagram.png"]');
  await shown.waitFor();
  await visitor.waitForFunction(
    () => document.querySelector('parley-widget').shadowRoot.querySelector('.msg.them a.media.image img')?.naturalWidth === 32,
    null,
    { timeout: WAIT },
  );
  const link = visitor.locator('.msg.them a.media.file', { hasText: 'invoice.pdf' });
  assert.match(await link.locator('.meta').textContent(), /^PDF · \d+ byte$/);
  assert.equal(await link.getAttribute('target'), '_blank');
  await visitor.locator('.sr', { hasText: 'Bob Agent: Your diagram and the invoice diagram.png invoice.pdf' }).waitFor({ state: 'attached' });
  await visitor.screenshot({ path: SCREENSHOTS + 'attachments-received.png' });
  await rest().conversations.v1.conversations(conversationSid).update({ state: 'closed' });
  const [download] = await Promise.all([
    visitor.waitForEvent('download'),
    visitor.locator('.ended button', { hasText: 'Download transcript' }).click(),
  ]);
  const lines = readFileSync(await download.path(), 'utf8').split('\n');
  const at = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d`;
  assert.match(lines[2], new RegExp(`^${at} Bob Agent: Your diagram and the invoice$`));
  assert.match(lines[3], /^ {2}Attachment: diagram\.png \(PNG, \d+ byte\)$/);
  assert.equal(lines[4], `  Attachment: invoice.pdf (PDF, ${PDF.length} byte)`);
  await visitor.context().close();
});
