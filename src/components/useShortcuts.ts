import { useEffect } from 'react';
import { findBinding, type CommandId } from '../app/keyBindings';
import { EDGE_KINDS, type EdgeKind } from '../model/relations/registry';
import { useClashmapStore } from '../store/StoreContext';
import { typeAhead } from './nodes/typeAhead';
import type { Commands } from './useCommands';

// Inputs that take no typing (a radio button, a checkbox) are controls, not text fields: the
// app's shortcuts (Ctrl+Z after choosing a relation's kind) work there.
const NOT_TYPED_INPUTS = new Set([
  'radio',
  'checkbox',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
]);

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !NOT_TYPED_INPUTS.has(target.type)));

// Buttons, links and other controls keep Enter (and Space) for themselves.
const isControl = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.closest(
    'button, a[href], summary, input, [role="button"], [role="link"], [role="menuitem"], [role="tab"]',
  ) !== null;

/** Commands that act on the selection (or, through it, on the focused card). */
const SELECTION_COMMANDS: ReadonlySet<CommandId> = new Set<CommandId>([
  ...EDGE_KINDS.map((kind) => `reply:${kind}` as const),
  'editSelected',
  'deleteSelection',
  'copy',
]);

/** The id of the card whose canvas element has the keyboard focus, if one has. */
const focusedCardId = (target: EventTarget | null): string | null =>
  target instanceof HTMLElement && target.classList.contains('react-flow__node')
    ? (target.dataset.id ?? null)
    : null;

function replyActions(commands: Commands): Record<`reply:${EdgeKind}`, () => void> {
  const actions = {} as Record<`reply:${EdgeKind}`, () => void>;
  for (const kind of EDGE_KINDS) {
    actions[`reply:${kind}`] = () => {
      commands.reply(kind);
    };
  }
  return actions;
}

/** What each command of the key table does; typed over every id, so none can be left out. */
export function keyActions(commands: Commands): Record<CommandId, () => void> {
  return {
    addPosition: () => commands.addNode('position'),
    addClaim: () => commands.addNode('claim'),
    ...replyActions(commands),
    supportTogether: commands.supportTogether,
    undercut: commands.undercut,
    markContraries: commands.markContraries,
    editSelected: commands.editSelected,
    deleteSelection: commands.deleteSelection,
    copy: commands.copy,
    paste: commands.paste,
    undo: commands.undo,
    redo: commands.redo,
    search: commands.search,
    toggleLabels: commands.toggleLabels,
    present: commands.present,
    openFile: commands.openFile,
    save: commands.save,
    saveAs: commands.saveAs,
    clearSelection: commands.clearSelection,
    showShortcuts: commands.showShortcuts,
  };
}

/** Keyboard shortcuts for the whole app, from the key table; plain keys are ignored while typing in a field. */
export function useShortcuts(commands: Commands, enabled: boolean) {
  const store = useClashmapStore();
  useEffect(() => {
    if (!enabled) return;
    const actions = keyActions(commands);
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const inField = isTextField(event.target);
      if (document.querySelector('dialog[open]')) return;
      // A node has just opened for typing but its field is not focused yet: what is typed
      // belongs to it, not to the shortcuts.
      if (
        store.getState().editingNodeId !== null &&
        document.querySelector('.cm-node__editor') !== null &&
        !inField &&
        !mod &&
        !event.altKey
      ) {
        if (event.key.length === 1 || event.key === 'Enter') {
          event.preventDefault();
          // Enter commits the text (as it does in the field); Shift+Enter is a new line.
          typeAhead.push(event.key === 'Enter' ? (event.shiftKey ? '\n' : '\r') : event.key);
          return;
        }
      }
      const binding = findBinding({
        key: event.key,
        mod,
        shift: event.shiftKey,
        alt: event.altKey,
        inField,
        onControl: isControl(event.target),
      });
      if (!binding) return;
      event.preventDefault();
      // A card with the keyboard focus that is not part of the selection becomes the
      // selection first, so S, R, Enter, Delete and copy act on the card that has focus.
      if (SELECTION_COMMANDS.has(binding.command)) {
        const card = focusedCardId(event.target);
        const state = store.getState();
        if (card && !state.selectedNodeIds.includes(card)) state.select([card]);
      }
      actions[binding.command]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, enabled, store]);
}
