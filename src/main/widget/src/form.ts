// The pre-engagement form: the name (required unless data-name-required="false") and the fields
// of data-fields, with the page's prefilled values. A page that prefills every required field
// skips it (prefilled() answers the values at once).

import type { Config, Field } from './config';
import { el } from './dom';
import { WebchatError } from './session';

export type Answers = Record<string, string>;

/** Starting is pointless: the deployment wants a signed user and the page named none. */
export class IdentityError extends Error {
  constructor(readonly reason: 'signInRequired' | 'identityRefused') {
    super(reason);
  }
}

/** The page's prefilled values when every required field has one; otherwise undefined. */
export function prefilled(config: Config): Answers | undefined {
  if (config.fields.some((f) => f.required && !f.prefilled)) return undefined;
  const answers: Answers = {};
  for (const field of config.fields) if (field.prefilled) answers[field.key] = field.prefilled;
  return answers;
}

/**
 * What to tell the visitor when starting failed: a deployment key that is unknown, revoked or not
 * for this page's origin will not work on a second try either.
 */
export function startFailure(config: Config, error: unknown): string {
  if (error instanceof IdentityError) return config.t[error.reason];
  const refused = error instanceof WebchatError && (error.status === 401 || error.status === 403);
  return refused ? config.t.unavailable : config.t.failed;
}

/** The form, filled with the page's prefilled values, else the visitor's last answers. */
export function preEngagementForm(
  config: Config,
  submit: (answers: Answers) => Promise<void>,
  remembered: Answers = {},
): HTMLFormElement {
  const { t } = config;
  const inputs = new Map<Field, HTMLInputElement | HTMLTextAreaElement>();
  const errors = new Map<Field, HTMLElement>();
  const failure = el('p', { class: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', class: 'primary' }, t.start);
  const form = el(
    'form',
    { class: 'pre', novalidate: true },
    el('p', { class: 'greeting' }, config.greeting),
  );

  for (const field of config.fields) {
    const id = `parley-field-${field.key}`;
    const attributes = {
      id,
      name: field.key,
      required: field.required,
      'aria-required': field.required ? 'true' : undefined,
      'aria-describedby': `${id}-error`,
      autocomplete: (
        { friendlyName: 'name', email: 'email', phone: 'tel' } as Record<string, string>
      )[field.key],
    };
    const input =
      field.type === 'textarea'
        ? el('textarea', { ...attributes, rows: '3' })
        : el('input', { ...attributes, type: field.type });
    input.value = field.prefilled ?? remembered[field.key] ?? '';
    const error = el('span', { class: 'error', id: `${id}-error` });
    inputs.set(field, input);
    errors.set(field, error);
    form.append(
      el(
        'label',
        { for: id },
        field.label,
        field.required ? el('span', { class: 'hint' }, ` (${t.required})`) : null,
      ),
      input,
      error,
    );
  }
  form.append(failure, button);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers: Answers = {};
    let firstInvalid: HTMLElement | undefined;
    for (const [field, input] of inputs) {
      const value = input.value.trim();
      const problem =
        field.required && !value
          ? t.fieldRequired(field.label)
          : value && input instanceof HTMLInputElement && !input.checkValidity()
            ? t.fieldInvalid(field.label)
            : '';
      errors.get(field)!.textContent = problem;
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) firstInvalid ??= input;
      if (value) answers[field.key] = value;
    }
    if (firstInvalid) return firstInvalid.focus();
    button.disabled = true;
    button.textContent = t.starting;
    failure.textContent = '';
    try {
      await submit(answers);
    } catch (error) {
      failure.textContent = startFailure(config, error);
      button.disabled = false;
      button.textContent = t.start;
    }
  });
  return form;
}

/** The first field to fill, for the focus after opening. */
export function firstField(form: HTMLFormElement): HTMLElement | null {
  return form.querySelector('input, textarea');
}
