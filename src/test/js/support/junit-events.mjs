// A node:test reporter for JavaScriptClientsTest: one JSON line per finished test, which the
// JUnit side turns into one JUnit test each. Suites (describe) are left out; their tests count.
// A `todo` test runs but never fails the run, as in Node: it is reported skipped, with its error.
import { inspect } from 'node:util';

export default async function* junitEvents(source) {
  for await (const { type, data } of source) {
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue;
    const error = data.details?.error;
    const note = (value, word) => (typeof value === 'string' ? `${word}: ${value}` : word);
    yield JSON.stringify({
      name: data.name,
      outcome:
        data.todo !== undefined || data.skip !== undefined ? 'skipped' : type === 'test:fail' ? 'failed' : 'passed',
      reason: data.todo !== undefined ? note(data.todo, 'todo') : data.skip !== undefined ? note(data.skip, 'skipped') : null,
      error: type === 'test:fail' ? inspect(error?.cause ?? error, { depth: 4 }) : null,
    }) + '\n';
  }
}
