import { CANVAS_EDGE_KINDS, relationKind, type EdgeKind } from '../model/relations/registry';

// The keys the app's key handler runs, and nothing else: this loads with the app, for the first
// key press. The help that describes them (keyTable.ts) loads when it is first shown, and lists
// these bindings by command, so what it says is what the handler runs.

/** Every command a key can run; the key handler maps each to what it does. */
export type CommandId =
  | 'addPosition'
  | 'addClaim'
  /** Reply to the selected node with a new claim, joined by this kind of relation. */
  | `reply:${EdgeKind}`
  | 'supportTogether'
  | 'undercut'
  | 'markContraries'
  | 'editSelected'
  | 'deleteSelection'
  | 'copy'
  | 'paste'
  | 'undo'
  | 'redo'
  | 'search'
  | 'toggleLabels'
  | 'present'
  | 'openFile'
  | 'save'
  | 'saveAs'
  | 'clearSelection'
  | 'showShortcuts';

/** One key chord and the command it runs. */
export interface KeyBinding {
  /** `KeyboardEvent.key`, lower-case for letters (Caps Lock and Shift do not matter for them). */
  key: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  /** true: Shift must be held; false: must not; absent: either. */
  shift?: boolean;
  command: CommandId;
  /** Also while typing in a text field (a field keeps the others, e.g. its own undo). */
  inFields?: boolean;
  /** Not while a button or link has focus, which keeps the key for itself (Enter). */
  notOnControls?: boolean;
}

/** Every key binding, in the order the help lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { key: 'p', command: 'addPosition' },
  { key: 'c', command: 'addClaim' },
  // One key per relation kind offered on the canvas, from the registry: a new one gets its key.
  ...CANVAS_EDGE_KINDS.flatMap((kind): KeyBinding[] => {
    const { shortcut } = relationKind(kind);
    return shortcut === null ? [] : [{ key: shortcut, command: `reply:${kind}` }];
  }),
  { key: 'j', command: 'supportTogether' },
  { key: 'u', command: 'undercut' },
  { key: 'k', command: 'markContraries' },
  { key: 'Enter', command: 'editSelected', notOnControls: true },
  { key: 'F2', command: 'editSelected', notOnControls: true },
  { key: 'Delete', command: 'deleteSelection' },
  { key: 'Backspace', command: 'deleteSelection' },
  { key: 'c', mod: true, command: 'copy' },
  { key: 'v', mod: true, command: 'paste' },
  { key: 'z', mod: true, shift: false, command: 'undo' },
  { key: 'z', mod: true, shift: true, command: 'redo' },
  { key: 'y', mod: true, command: 'redo' },
  { key: 'f', mod: true, command: 'search', inFields: true },
  { key: 'l', command: 'toggleLabels' },
  { key: 'F5', command: 'present' },
  { key: 'o', mod: true, command: 'openFile', inFields: true },
  { key: 's', mod: true, shift: false, command: 'save', inFields: true },
  { key: 's', mod: true, shift: true, command: 'saveAs', inFields: true },
  { key: 'Escape', command: 'clearSelection' },
  { key: '?', command: 'showShortcuts' },
];

/** What the handler knows about a key press. */
export interface KeyPress {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** Focus is in a text field. */
  inField: boolean;
  /** Focus is on a button, link or other control. */
  onControl: boolean;
}

/** The binding a key press runs, if any. Alt never runs a shortcut. */
export function findBinding(press: KeyPress): KeyBinding | undefined {
  if (press.alt) return undefined;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return KEY_BINDINGS.find(
    (b) =>
      b.key === key &&
      (b.mod ?? false) === press.mod &&
      (b.shift === undefined || b.shift === press.shift) &&
      (!press.inField || b.inFields === true) &&
      !(press.onControl && b.notOnControls === true),
  );
}
