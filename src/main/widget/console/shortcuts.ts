// The console's keyboard shortcuts: one table, so the help and the handlers cannot disagree.
// Alt+Shift with a letter is free in browsers and screen readers; `code` keeps it layout-proof.

import { el } from '../src/dom';

export interface Shortcut {
  keys: string;
  /** For aria-keyshortcuts. */
  aria: string;
  what: string;
}

export const SHORTCUTS = {
  accept: {
    keys: 'Alt+Shift+A',
    aria: 'Alt+Shift+A',
    what: 'Accept the selected (or the oldest) waiting chat',
  },
  send: {
    keys: 'Enter or Ctrl+Enter',
    aria: 'Control+Enter',
    what: 'Send the reply (Shift+Enter: new line)',
  },
  close: { keys: 'Alt+Shift+C', aria: 'Alt+Shift+C', what: 'Close the open chat' },
  canned: {
    keys: '/',
    aria: '/',
    what: 'In an empty reply box: pick a saved reply (↑ ↓, Enter or Tab, Esc)',
  },
  attach: { keys: 'Alt+Shift+U', aria: 'Alt+Shift+U', what: 'Attach files to the reply' },
  help: { keys: 'Alt+Shift+K', aria: 'Alt+Shift+K', what: 'Show these shortcuts' },
} satisfies Record<string, Shortcut>;

export function isShortcut(e: KeyboardEvent, letter: string): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === `Key${letter}`;
}

/** The help: a dialog listing every shortcut. */
export function shortcutsDialog(): HTMLDialogElement {
  const list = el('dl', { class: 'shortcut-list' });
  for (const s of Object.values(SHORTCUTS))
    list.append(el('dt', {}, el('kbd', {}, s.keys)), el('dd', {}, s.what));
  const dialog = el(
    'dialog',
    { class: 'shortcuts', 'aria-label': 'Keyboard shortcuts' },
    el('h2', {}, 'Keyboard shortcuts'),
    list,
    el('form', { method: 'dialog' }, el('button', { type: 'submit' }, 'Close')),
  );
  return dialog;
}
