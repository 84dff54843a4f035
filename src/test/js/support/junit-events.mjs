// A node:test reporter for JavaScriptClientsTest: one JSON line per finished test, which the
// JUnit side turns into one JUnit test each. Suites (describe) are left out; their tests count.
import { inspect } from 'node:util';

export default async function* junitEvents(source) {
  for await (const { type, data } of source) {
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue;
    yield JSON.stringify({
      name: data.name,
      outcome: type === 'test:fail' ? 'failed' : data.skip !== undefined || data.todo !== undefined ? 'skipped' : 'passed',
      reason: typeof data.skip === 'string' ? data.skip : typeof data.todo === 'string' ? data.todo : null,
      error: type === 'test:fail' ? inspect(data.details?.error?.cause ?? data.details?.error, { depth: 4 }) : null,
      durationMs: data.details?.duration_ms ?? 0,
    }) + '\n';
  }
}
