// Twilio-style list paging (PageSize, meta.next_page_url) as the `twilio` helper library walks it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rest } from './support/parley.mjs';

const created = [];

before(async () => {
  // Five more conversations than any other test needs, so a two-per-page list has at least three pages.
  for (let i = 0; i < 5; i++) {
    const conversation = await rest().conversations.v1.conversations.create({ friendlyName: `paging ${i}` });
    created.push(conversation.sid);
  }
});

test('page() and nextPage() walk a two-per-page conversation list to its last page', async () => {
  const seen = [];
  let pages = 0;

  let page = await rest().conversations.v1.conversations.page({ pageSize: 2 });
  while (page) {
    pages++;
    assert.ok(page.instances.length <= 2, `page ${pages} has ${page.instances.length} conversations`);
    seen.push(...page.instances.map((c) => c.sid));
    page = await page.nextPage();
  }

  assert.ok(pages >= 3, `only ${pages} pages`);
  assert.equal(new Set(seen).size, seen.length, 'a conversation appeared on two pages');
  assert.deepEqual(created.filter((sid) => !seen.includes(sid)), []);
});

test('list() with pageSize 2 and a limit stops at the limit', async () => {
  const conversations = await rest().conversations.v1.conversations.list({ pageSize: 2, limit: 3 });

  assert.equal(conversations.length, 3);
  assert.equal(new Set(conversations.map((c) => c.sid)).size, 3);
});

test('each() with pageSize 2 visits every conversation once', async () => {
  const seen = [];

  await rest().conversations.v1.conversations.each({ pageSize: 2 }, (conversation) => {
    seen.push(conversation.sid);
  });

  assert.equal(new Set(seen).size, seen.length, 'a conversation was visited twice');
  assert.deepEqual(created.filter((sid) => !seen.includes(sid)), []);
});
