// What Studio flows did in a chat (docs/console.md, docs/studio.md), under the visitor's details:
// each execution's flow and status, its steps in order (widget, event, next widget, time), the task
// attributes its send-to-flex set, its flow variables and every widget's output. All text.

import type { StudioExecution } from './api';
import { el } from '../src/dom';

const time = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Keys and values as a definition list; null when there are none. */
function pairs(cls: string, label: string, values: unknown): HTMLElement | null {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return null;
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length === 0) return null;
  const list = el('dl', { class: `flow-pairs ${cls}`, 'aria-label': label });
  for (const [key, value] of entries) list.append(el('dt', {}, key), el('dd', {}, text(value)));
  return el('div', {}, el('h4', {}, label), list);
}

/** "ended", "waiting on ask", "active". */
function status(execution: StudioExecution): string {
  if (execution.status === 'active' && execution.waiting_on) {
    return `waiting on ${execution.waiting_on}`;
  }
  return execution.status;
}

function executionItem(execution: StudioExecution): HTMLElement {
  const steps = el('ol', { class: 'flow-steps', 'aria-label': 'Steps' });
  for (const step of execution.steps) {
    steps.append(
      el(
        'li',
        { 'data-event': step.name },
        el('span', { class: 'from' }, step.transitioned_from),
        ' \u2192 ',
        el('span', { class: 'to' }, step.transitioned_to),
        el(
          'div',
          { class: 'step-meta' },
          el('span', { class: 'event' }, step.name),
          ' \u00b7 ',
          el('time', { datetime: step.date_created }, time.format(new Date(step.date_created))),
        ),
      ),
    );
  }
  const widgets = Object.keys(execution.widgets ?? {}).length
    ? el(
        'details',
        { class: 'flow-widgets' },
        el('summary', {}, 'Widget outputs'),
        el('pre', {}, JSON.stringify(execution.widgets, null, 2)),
      )
    : null;
  const attributes =
    execution.task_attributes === null || execution.task_attributes === undefined
      ? null
      : typeof execution.task_attributes === 'object' && !Array.isArray(execution.task_attributes)
        ? pairs('task-attributes', 'Task attributes', execution.task_attributes)
        : el(
            'div',
            {},
            el('h4', {}, 'Task attributes'),
            el('pre', { class: 'task-attributes' }, text(execution.task_attributes)),
          );
  return el(
    'li',
    { class: 'flow-run', 'data-sid': execution.sid, 'data-status': execution.status },
    el(
      'p',
      { class: 'flow-head' },
      el('strong', { class: 'flow-name' }, execution.flow_name ?? execution.flow_sid),
      ' \u00b7 ',
      el('span', { class: 'flow-status' }, status(execution)),
    ),
    steps,
    attributes,
    pairs('flow-variables', 'Flow variables', execution.variables),
    widgets,
  );
}

/** The chat's executions, newest first; null when no flow ran in the chat. */
export function flowsPanel(executions: StudioExecution[]): HTMLElement | null {
  if (executions.length === 0) return null;
  return el(
    'section',
    { class: 'flows', 'aria-label': 'Studio flows' },
    el('h3', {}, 'Studio flow'),
    el('ol', { class: 'flow-runs' }, ...executions.map(executionItem)),
  );
}
