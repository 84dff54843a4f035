// Saved replies in the reply box: "/" in an empty box (or the Saved replies button) opens a
// picker filtered by what follows the "/"; ↑ ↓ choose, Enter or Tab insert, Esc closes.

import type { CannedResponse } from './api';
import { el, replace } from '../src/dom';

export class CannedPicker {
  readonly element = el('ul', {
    class: 'canned-picker',
    role: 'listbox',
    id: `canned-${Math.random().toString(36).slice(2)}`,
    'aria-label': 'Saved replies',
    hidden: true,
  });
  private matches: CannedResponse[] = [];
  private active = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly load: () => Promise<CannedResponse[]>,
  ) {
    input.setAttribute('aria-controls', this.element.id);
    input.setAttribute('aria-autocomplete', 'list');
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** After each input: opens, filters or closes the picker for a "/code" being typed. */
  async update(): Promise<void> {
    const typed = /^\/(\S*)$/.exec(this.input.value);
    if (!typed) return this.close();
    await this.show(typed[1]);
  }

  /** Opens with every reply (the button), as if "/" had been typed. */
  async openAll(): Promise<void> {
    if (!this.input.value.startsWith('/')) this.input.value = '/';
    this.input.focus();
    await this.update();
  }

  /** True when the picker used the key. */
  keydown(e: KeyboardEvent): boolean {
    if (!this.open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % Math.max(1, this.matches.length);
      this.render();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && this.matches.length) {
      this.insert(this.matches[this.active]);
    } else if (e.key === 'Escape') {
      this.close();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }

  private async show(prefix: string): Promise<void> {
    const all = await this.load().catch(() => []);
    const p = prefix.toLowerCase();
    this.matches = all
      .filter(
        (r) => r.short_code.toLowerCase().startsWith(p) || (p && r.body.toLowerCase().includes(p)),
      )
      .sort((a, b) => a.short_code.localeCompare(b.short_code));
    this.active = 0;
    this.element.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.render();
  }

  private render(): void {
    if (!this.matches.length) {
      replace(
        this.element,
        el(
          'li',
          { class: 'none', role: 'option', 'aria-disabled': 'true' },
          'No saved reply matches.',
        ),
      );
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    replace(
      this.element,
      ...this.matches.map((r, i) =>
        el(
          'li',
          {
            role: 'option',
            id: `${this.element.id}-${i}`,
            class: i === this.active ? 'option active' : 'option',
            'aria-selected': i === this.active ? 'true' : 'false',
            onmousedown: (e: Event) => {
              e.preventDefault();
              this.insert(r);
            },
          },
          el('span', { class: 'code' }, `/${r.short_code}`),
          el('span', { class: 'body' }, r.body),
        ),
      ),
    );
    this.input.setAttribute('aria-activedescendant', `${this.element.id}-${this.active}`);
  }

  private insert(r: CannedResponse): void {
    this.input.value = r.body;
    this.close();
    this.input.focus();
    this.input.setSelectionRange(r.body.length, r.body.length);
  }

  close(): void {
    this.element.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
