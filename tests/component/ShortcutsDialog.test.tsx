import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  KEY_TABLE,
  chordLabel,
  findBinding,
  shortcutLabel,
  type CommandId,
} from '../../src/app/keyTable';
import { KEY_BINDINGS } from '../../src/app/keyBindings';
import { ShortcutsDialog } from '../../src/components/ShortcutsDialog';
import type { Commands } from '../../src/components/useCommands';
import { keyActions } from '../../src/components/useShortcuts';

// jsdom may lack the modal dialog methods the app's Dialog calls.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open');
};

/** The rows of the `?` help as a user reads them: keys, then what they do. */
function helpRows(): Array<[string, string]> {
  render(<ShortcutsDialog onClose={() => {}} />);
  const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts', hidden: true });
  return within(dialog)
    .getAllByRole('row', { hidden: true })
    .map((row) => [
      within(row).getByRole('rowheader', { hidden: true }).textContent ?? '',
      within(row).getByRole('cell', { hidden: true }).textContent ?? '',
    ]);
}

/** Commands whose every method records its name when called. */
function spyCommands(calls: string[]): Commands {
  return new Proxy({} as Commands, {
    get: (_, name: string) => (arg?: unknown) => calls.push(arg ? `${name}(${arg})` : name),
  });
}

describe('the shortcuts help and the key handler read one table', { timeout: 60_000 }, () => {
  it('lists every shortcut of the table, and nothing else', () => {
    expect(helpRows()).toEqual(KEY_TABLE.map((s) => [shortcutLabel(s), s.description]));
  });

  it('every key the help lists runs its command through the handler', () => {
    const listed = new Set(helpRows().map(([keys]) => keys));
    for (const shortcut of KEY_TABLE) {
      expect(listed).toContain(shortcutLabel(shortcut));
      if (!('bindings' in shortcut)) continue;
      for (const binding of shortcut.bindings) {
        const found = findBinding({
          key: binding.key.length === 1 ? binding.key.toUpperCase() : binding.key,
          mod: binding.mod ?? false,
          shift: binding.shift ?? false,
          alt: false,
          inField: false,
          onControl: false,
        });
        expect(found?.command, chordLabel(binding)).toBe(binding.command);
      }
    }
  });

  it('the help lists every binding the handler runs, each once', () => {
    const listed = KEY_TABLE.flatMap((s) => ('bindings' in s ? s.bindings : []));
    expect(listed).toHaveLength(KEY_BINDINGS.length);
    expect(new Set(listed)).toEqual(new Set(KEY_BINDINGS));
  });

  it('each command of the table does something when its key is pressed', () => {
    const calls: string[] = [];
    const actions = keyActions(spyCommands(calls));
    const commands = KEY_TABLE.flatMap((s) => ('bindings' in s ? s.bindings : [])).map(
      (b) => b.command,
    );
    for (const command of new Set<CommandId>(commands)) {
      const before = calls.length;
      actions[command]();
      expect(calls.length, command).toBe(before + 1);
    }
    expect(calls).toContain('addNode(position)');
    expect(calls).toContain('reply(rebuttal)');
  });

  it('keys not in the table run nothing; typing in a field keeps plain keys', () => {
    const press = { mod: false, shift: false, alt: false, inField: false, onControl: false };
    expect(findBinding({ ...press, key: 'q' })).toBeUndefined();
    expect(findBinding({ ...press, key: 'p', inField: true })).toBeUndefined();
    expect(findBinding({ ...press, key: 'z', mod: true, inField: true })).toBeUndefined();
    expect(findBinding({ ...press, key: 's', mod: true, inField: true })?.command).toBe('save');
    expect(findBinding({ ...press, key: 'S', mod: true, shift: true })?.command).toBe('saveAs');
    expect(findBinding({ ...press, key: 'Enter', onControl: true })).toBeUndefined();
    expect(findBinding({ ...press, key: 'p', alt: true })).toBeUndefined();
  });
});
