import { CANVAS_EDGE_KINDS, relationKind } from '../model/relations/registry';
import { KEY_BINDINGS, type CommandId, type KeyBinding } from './keyBindings';

// The keyboard help (the `?` dialog) and the keys of the lazily loaded views (the flow view,
// the presenter, the timers). The keys the app's handler runs are in keyBindings.ts, which loads
// with the app; the help lists them by command from there.

export { findBinding, type CommandId, type KeyBinding, type KeyPress } from './keyBindings';

/** The app's bindings for these commands, in the order keyBindings.ts lists them. */
const bindingsOf = (...commands: CommandId[]): KeyBinding[] =>
  KEY_BINDINGS.filter((binding) => commands.includes(binding.command));

export type ShortcutGroup = 'Build' | 'Edit' | 'View' | 'File' | 'Canvas' | 'Flow' | 'Timers';

/** A line of the shortcuts help: keys the app's handler runs, or a gesture another part handles. */
export type Shortcut = { description: string; group: ShortcutGroup } & (
  | { bindings: KeyBinding[] }
  /** Handled by the canvas (React Flow) or the browser, not by the app's key handler. */
  | { gesture: string; handledBy: 'canvas' | 'browser' | 'flow' | 'timers' }
);

/** What a key does while presenting. */
export type PresenterAction = 'next' | 'previous' | 'first' | 'last' | 'blank' | 'theme' | 'leave';

/**
 * The presenter's keys (a clicker sends PageDown/PageUp, B or "."): the presenter's key handler
 * and the help both read this table. Digits then Enter jump to a step.
 */
export const PRESENTER_KEYS: readonly { action: PresenterAction; keys: string[]; label: string }[] =
  [
    {
      action: 'next',
      keys: ['ArrowRight', ' ', 'PageDown', 'Enter'],
      label: '→ Space PageDown next',
    },
    { action: 'previous', keys: ['ArrowLeft', 'PageUp', 'Backspace'], label: '← PageUp back' },
    { action: 'first', keys: ['Home'], label: 'Home' },
    { action: 'last', keys: ['End'], label: 'End' },
    { action: 'blank', keys: ['b', 'B', '.'], label: 'B blank' },
    { action: 'theme', keys: ['t', 'T'], label: 'T theme' },
    { action: 'leave', keys: ['Escape'], label: 'Escape leave' },
  ];

/** The presenter's action for a key, if it has one. */
export const presenterAction = (key: string): PresenterAction | undefined =>
  PRESENTER_KEYS.find((entry) => entry.keys.includes(key))?.action;

const presenterHelp = () => {
  const label = (action: PresenterAction) => PRESENTER_KEYS.find((k) => k.action === action)!.label;
  return `Present (then ${label('next')}, ${label('previous')}, ${label('first')} ${label('last')}, number+Enter jump, ${label('blank')}, ${label('theme')}, ${label('leave')})`;
};

/** What a key does on a sheet of the flow view (src/views/flow/FlowSheet.tsx). */
export type FlowAction =
  | 'nextInSpeech'
  | 'answer'
  | 'back'
  | 'extend'
  | 'turn'
  | 'crossApply'
  | 'crossOut'
  | 'edit'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'leave';

/** A key of the flow view: `key` as KeyboardEvent.key (letters lower-case), Shift held or not. */
export interface FlowKey {
  readonly key: string;
  readonly shift?: boolean;
}

/**
 * The flow view's keys, for a debater flowing at speaking speed: the sheet's key handler and the
 * help both read this table. `whileTyping` keys also act in the card being typed (they commit it
 * first); the others act on the chosen card.
 */
export const FLOW_KEYS: readonly {
  action: FlowAction;
  keys: readonly FlowKey[];
  label: string;
  description: string;
  whileTyping?: boolean;
}[] = [
  {
    action: 'nextInSpeech',
    keys: [{ key: 'Enter', shift: false }],
    label: 'Enter',
    description: 'Next argument in the same speech: a new card below, ready for typing',
    whileTyping: true,
  },
  {
    action: 'answer',
    keys: [{ key: 'Tab', shift: false }],
    label: 'Tab',
    description: 'Answer the chosen argument in the other side’s next speech',
    whileTyping: true,
  },
  {
    action: 'back',
    keys: [{ key: 'Tab', shift: true }],
    label: 'Shift+Tab',
    description: 'Back to the argument this one answers',
    whileTyping: true,
  },
  {
    action: 'extend',
    keys: [{ key: 'e', shift: false }],
    label: 'E',
    description: 'Extend the chosen argument into its side’s next speech',
  },
  {
    action: 'turn',
    keys: [{ key: 't', shift: false }],
    label: 'T',
    description: 'Turn the chosen argument in the other side’s next speech',
  },
  {
    action: 'crossApply',
    keys: [{ key: 'x', shift: false }],
    label: 'X',
    description: 'Cross-apply the chosen argument to another sheet',
  },
  {
    action: 'crossOut',
    keys: [{ key: 'c', shift: false }],
    label: 'C',
    description: 'Cross out the chosen argument (a concession), or restore it',
  },
  {
    action: 'edit',
    keys: [{ key: 'F2' }],
    label: 'F2',
    description: 'Edit the chosen card’s text',
  },
  {
    action: 'up',
    keys: [{ key: 'ArrowUp' }],
    label: '↑ ↓ ← →',
    description: 'Move between the cells and cards of the sheet',
  },
  { action: 'down', keys: [{ key: 'ArrowDown' }], label: '', description: '' },
  { action: 'left', keys: [{ key: 'ArrowLeft' }], label: '', description: '' },
  { action: 'right', keys: [{ key: 'ArrowRight' }], label: '', description: '' },
  {
    action: 'leave',
    keys: [{ key: 'Escape' }],
    label: 'Escape',
    description: 'Stop typing (the card is dropped if empty); again: back to the map',
    whileTyping: true,
  },
];

/** The flow view's action for a key press (`typing`: in the card being typed), if any. */
export function flowAction(
  press: { key: string; shift: boolean; mod: boolean; alt: boolean },
  typing: boolean,
): FlowAction | undefined {
  if (press.mod || press.alt) return undefined;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return FLOW_KEYS.find(
    (entry) =>
      (!typing || entry.whileTyping === true) &&
      entry.keys.some((k) => k.key === key && (k.shift === undefined || k.shift === press.shift)),
  )?.action;
}

/** What a timer key does, in the flow view and while presenting. */
export type TimerAction = 'speech' | 'prepAff' | 'prepNeg' | 'nextSpeech' | 'previousSpeech';

/** The timers' keys (src/components/present/timers.ts): both views' handlers and the help read it. */
export const TIMER_KEYS: readonly {
  action: TimerAction;
  key: string;
  label: string;
  description: string;
}[] = [
  { action: 'speech', key: 's', label: 'S', description: 'Start or pause the speech timer' },
  {
    action: 'prepAff',
    key: 'a',
    label: 'A',
    description: 'Start or pause the affirmative’s (pro’s) prep time',
  },
  {
    action: 'prepNeg',
    key: 'n',
    label: 'N',
    description: 'Start or pause the negative’s (con’s) prep time',
  },
  {
    action: 'nextSpeech',
    key: ']',
    label: ']',
    description: 'Next speech (its timer set to the speech’s length)',
  },
  { action: 'previousSpeech', key: '[', label: '[', description: 'Previous speech' },
];

/** The timer action of a key, if it has one (no modifier keys). */
export function timerAction(press: {
  key: string;
  mod: boolean;
  alt: boolean;
}): TimerAction | undefined {
  if (press.mod || press.alt) return undefined;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return TIMER_KEYS.find((entry) => entry.key === key)?.action;
}

/**
 * Every keyboard shortcut, in the order the help lists them. The help reads it; its keys are the
 * handler's own bindings (KEY_BINDINGS), listed by command.
 */
export const KEY_TABLE: readonly Shortcut[] = [
  {
    group: 'Build',
    description: 'Add a position',
    bindings: bindingsOf('addPosition'),
  },
  { group: 'Build', description: 'Add a claim', bindings: bindingsOf('addClaim') },
  // One row per relation kind offered on the canvas, from the registry: a new one appears here.
  ...CANVAS_EDGE_KINDS.flatMap((kind): Shortcut[] => {
    const bindings = bindingsOf(`reply:${kind}`);
    if (bindings.length === 0) return [];
    return [
      {
        group: 'Build',
        description: `Add a claim ${relationKind(kind).names.adjective} the selected node`,
        bindings,
      },
    ];
  }),
  {
    group: 'Build',
    description: 'Support together: link the selected claims into one argument (linked premises)',
    bindings: bindingsOf('supportTogether'),
  },
  {
    group: 'Build',
    description: 'Undercut the selected support line or argument junction (“that does not follow”)',
    bindings: bindingsOf('undercut'),
  },
  {
    group: 'Build',
    description: 'Mark the two selected claims as contraries (they cannot both be true)',
    bindings: bindingsOf('markContraries'),
  },
  {
    group: 'Edit',
    description: 'Edit the selected node’s text (Enter commits, Escape cancels)',
    bindings: bindingsOf('editSelected'),
  },
  {
    group: 'Edit',
    description: 'Delete the selection',
    bindings: bindingsOf('deleteSelection'),
  },
  {
    group: 'Edit',
    description: 'Copy and paste nodes',
    bindings: bindingsOf('copy', 'paste'),
  },
  {
    group: 'Edit',
    description: 'Undo',
    bindings: bindingsOf('undo'),
  },
  {
    group: 'Edit',
    description: 'Redo',
    bindings: bindingsOf('redo'),
  },
  {
    group: 'View',
    description: 'Search',
    bindings: bindingsOf('search'),
  },
  {
    group: 'View',
    description: 'Show or hide which claims stand',
    bindings: bindingsOf('toggleLabels'),
  },
  {
    group: 'View',
    description: presenterHelp(),
    bindings: bindingsOf('present'),
  },
  {
    group: 'File',
    description: 'Print a handout: the map and its outline',
    gesture: 'Ctrl+P',
    handledBy: 'browser',
  },
  {
    group: 'File',
    description: 'Open a map file',
    bindings: bindingsOf('openFile'),
  },
  {
    group: 'File',
    description: 'Save, Save as',
    bindings: bindingsOf('save', 'saveAs'),
  },
  {
    group: 'Canvas',
    description: 'Move between nodes and connections',
    gesture: 'Tab',
    handledBy: 'canvas',
  },
  {
    group: 'Canvas',
    description:
      'From a card: ↓ to its first reply, ↑ to the card it answers, ← → to the card beside it; the keys above act on the focused card',
    gesture: 'Arrow keys',
    handledBy: 'canvas',
  },
  {
    group: 'Canvas',
    description: 'Move the focused card',
    gesture: 'Shift+Arrow keys',
    handledBy: 'canvas',
  },
  {
    group: 'Canvas',
    description: 'Skip the toolbar to the map (the first stop of Tab)',
    gesture: 'Tab, then Enter',
    handledBy: 'browser',
  },
  {
    group: 'Canvas',
    description: 'Select several (Shift+Space adds or removes the focused card)',
    gesture: 'Shift+click, Shift+drag, Shift+Space',
    handledBy: 'canvas',
  },
  {
    group: 'Canvas',
    description: 'Add a claim there',
    gesture: 'Double-click empty canvas',
    handledBy: 'canvas',
  },
  {
    group: 'Edit',
    description: 'Clear the selection',
    bindings: bindingsOf('clearSelection'),
  },
  {
    group: 'View',
    description: 'Show these keyboard shortcuts',
    bindings: bindingsOf('showShortcuts'),
  },
  // The flow view's keys and the timers' keys, from their tables: the help is what they run.
  ...FLOW_KEYS.filter((entry) => entry.label !== '').map((entry): Shortcut => ({
    group: 'Flow',
    description: `Flow view: ${entry.description}`,
    gesture: entry.label,
    handledBy: 'flow',
  })),
  ...TIMER_KEYS.map((entry): Shortcut => ({
    group: 'Timers',
    description: `Flow view and Present: ${entry.description}`,
    gesture: entry.label,
    handledBy: 'timers',
  })),
];

/** How the help writes one chord: "Ctrl+Shift+Z", "P", "F2". */
export function chordLabel(binding: KeyBinding): string {
  const key = binding.key.length === 1 ? binding.key.toUpperCase() : binding.key;
  return `${binding.mod ? 'Ctrl+' : ''}${binding.shift ? 'Shift+' : ''}${key}`;
}

/**
 * How the help writes a shortcut's keys: alternatives for one command joined by "or"
 * ("Enter or F2"), keys for different commands by a comma ("Ctrl+C, Ctrl+V").
 */
export function shortcutLabel(shortcut: Shortcut): string {
  if ('gesture' in shortcut) return shortcut.gesture;
  const commands = new Set(shortcut.bindings.map((b) => b.command));
  return shortcut.bindings.map(chordLabel).join(commands.size === 1 ? ' or ' : ', ');
}
