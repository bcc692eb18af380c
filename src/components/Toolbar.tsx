import { usePresence } from '../app/presence';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { capitalised, CANVAS_EDGE_KINDS, relationKind } from '../model/relations/registry';
import { holdsRound } from '../model/round';
import { isDirty } from '../store/store';
import { useClashmap, useClashmapStore } from '../store/StoreContext';
import type { Commands } from './useCommands';
import { OVERVIEW_MAX_NODES } from './MapCanvas';
import { Lazy, lazyPart } from './Lazy';
import { setTheme, useTheme } from '../app/theme';
import { stepTextSize, TEXT_SIZES, useTextSize } from '../app/textSize';

const MOD =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** File, edit and view commands, each with an accessible name and its shortcut. */
interface ToolbarProps {
  commands: Commands;
  sourceOpen: boolean;
  onToggleSource: () => void;
  stepsOpen: boolean;
  onToggleSteps: () => void;
  outlineOpen: boolean;
  onToggleOutline: () => void;
  flowOpen: boolean;
  onToggleFlow: () => void;
  /** Opens the dialog that starts a new debate round from a format's template. */
  onNewRound: () => void;
  compareOpen: boolean;
  onToggleCompare: () => void;
  legendOpen: boolean;
  onToggleLegend: () => void;
  overviewOpen: boolean;
  onToggleOverview: () => void;
}

/** A group of the More menu's tools. */
export interface MenuGroup {
  name: string;
  tools: Tool[];
}

/** One command of the toolbar: its name, its button text and where it goes on a phone. */
export interface Tool {
  label: string;
  text: string;
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  /** A toggle's state; undefined for a plain command. */
  pressed?: boolean;
  /** Kept in the bar on a narrow screen; the others go into the "More tools" menu. */
  compact?: boolean;
  /** The tooltip, when it says more than the label and shortcut. */
  title?: string;
}

/** Below this width the toolbar keeps the commonest tools and puts the rest in a menu. */
const COMPACT_QUERY = '(max-width: 760px)';

function useCompact(): boolean {
  const [compact, setCompact] = useState(() => window.matchMedia?.(COMPACT_QUERY).matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.(COMPACT_QUERY);
    if (!query) return;
    const update = () => setCompact(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return compact;
}

export function Toolbar({
  commands,
  sourceOpen,
  onToggleSource,
  stepsOpen,
  onToggleSteps,
  outlineOpen,
  onToggleOutline,
  flowOpen,
  onToggleFlow,
  onNewRound,
  compareOpen,
  onToggleCompare,
  legendOpen,
  onToggleLegend,
  overviewOpen,
  onToggleOverview,
}: ToolbarProps) {
  const store = useClashmapStore();
  const canUndo = useStore(store.history, (s) => s.past.length > 0);
  const canRedo = useStore(store.history, (s) => s.future.length > 0);
  const hasSelection = useClashmap((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length > 0);
  const oneNode = useClashmap((s) => s.selectedNodeIds.length === 1);
  const cardView = useClashmap((s) => s.cardView);
  const labelsOn = useClashmap((s) => s.labelsOn);
  // The flow view is offered once the map holds a debate round (or while it is open).
  const round = useClashmap((s) => holdsRound(s.map));
  const tooBigForOverview = useClashmap((s) => s.map.nodes.length > OVERVIEW_MAX_NODES);
  const compact = useCompact();
  const theme = useTheme();
  const textSize = useTextSize();
  const inSession = usePresence((s) => s.self !== null);

  const groups: { name: string; tools: Tool[] }[] = [
    {
      name: 'File',
      tools: [
        { label: 'New map', text: 'New', onClick: commands.newMap },
        { label: 'Open map', text: 'Open…', shortcut: `${MOD}O`, onClick: commands.openFile },
        { label: 'New round', text: 'Round…', onClick: onNewRound },
        { label: 'Save map', text: 'Save', shortcut: `${MOD}S`, onClick: commands.save },
        {
          label: 'Save as',
          text: 'Save as…',
          shortcut: `${MOD}Shift+S`,
          onClick: commands.saveAs,
        },
        { label: 'Import from another tool', text: 'Import…', onClick: commands.importFile },
        { label: 'Export', text: 'Export…', onClick: commands.exportMap },
        {
          label: 'Copy share link',
          text: 'Share',
          onClick: () => void commands.shareLink(),
        },
        ...(inSession
          ? []
          : [
              {
                label: 'Start a class session',
                title: 'Make this map a room on the class server that a class edits together',
                text: 'Class',
                onClick: () => void commands.startClassSession(),
              },
            ]),
      ],
    },
    {
      name: 'Edit',
      tools: [
        {
          label: 'Undo',
          text: 'Undo',
          shortcut: `${MOD}Z`,
          onClick: commands.undo,
          disabled: !canUndo,
          compact: true,
        },
        {
          label: 'Redo',
          text: 'Redo',
          shortcut: `${MOD}Shift+Z`,
          onClick: commands.redo,
          disabled: !canRedo,
        },
        {
          label: 'Add position',
          text: '+ Position',
          shortcut: 'P',
          onClick: () => commands.addNode('position'),
        },
        {
          label: 'Add claim',
          text: '+ Claim',
          shortcut: 'C',
          onClick: () => commands.addNode('claim'),
          compact: true,
        },
        ...CANVAS_EDGE_KINDS.map((kind): Tool => {
          const { names, shortcut } = relationKind(kind);
          return {
            label: `Add ${names.adjective} claim`,
            text: `+ ${capitalised(names.adjective)}`,
            shortcut: shortcut?.toUpperCase(),
            onClick: () => commands.reply(kind),
            disabled: !oneNode,
          };
        }),
        {
          label: 'Delete selection',
          text: 'Delete',
          shortcut: 'Delete',
          onClick: commands.deleteSelection,
          disabled: !hasSelection,
        },
      ],
    },
    {
      name: 'View',
      tools: [
        {
          label: 'Outline view',
          text: 'Outline',
          pressed: outlineOpen,
          onClick: onToggleOutline,
        },
        ...(round || flowOpen
          ? [{ label: 'Flow view', text: 'Flow', pressed: flowOpen, onClick: onToggleFlow }]
          : []),
        {
          label: 'Compare with students’ maps',
          text: 'Compare',
          pressed: compareOpen,
          onClick: onToggleCompare,
        },
        { label: 'Source text', text: 'Source', pressed: sourceOpen, onClick: onToggleSource },
        {
          label: 'Show which claims stand',
          text: 'Claims stand?',
          shortcut: 'L',
          pressed: labelsOn,
          onClick: () => store.getState().toggleLabels(),
        },
        {
          label: 'Show quotes as cards',
          text: 'Cards',
          pressed: cardView,
          onClick: () => store.getState().toggleCardView(),
        },
        {
          label: 'Search',
          text: 'Search',
          shortcut: `${MOD}F`,
          onClick: commands.search,
          compact: true,
        },
        { label: 'Auto-layout', text: 'Auto-layout', onClick: () => void commands.autoLayout() },
        { label: 'Fit map to view', text: 'Fit', onClick: commands.fitView },
        { label: 'Legend', text: 'Legend', pressed: legendOpen, onClick: onToggleLegend },
        {
          label: 'Overview map',
          text: 'Overview',
          pressed: overviewOpen,
          ...(tooBigForOverview
            ? {
                title: `Overview map (left out above ${OVERVIEW_MAX_NODES.toLocaleString('en-US')} cards)`,
              }
            : {}),
          onClick: onToggleOverview,
        },
        {
          label: 'Dark theme',
          text: 'Dark',
          pressed: theme === 'dark',
          onClick: () => setTheme(theme === 'dark' ? 'light' : 'dark'),
        },
        {
          label: 'Smaller text',
          title: `Smaller text on the cards (now ${textSize}%)`,
          text: 'Smaller',
          onClick: () => stepTextSize(-1),
          disabled: textSize === TEXT_SIZES[0],
        },
        {
          label: 'Larger text',
          title: `Larger text on the cards (now ${textSize}%)`,
          text: 'Larger',
          onClick: () => stepTextSize(1),
          disabled: textSize === TEXT_SIZES[TEXT_SIZES.length - 1],
        },
      ],
    },
    {
      name: 'Present',
      tools: [
        {
          label: 'Present',
          text: '▶ Present',
          shortcut: 'F5',
          onClick: commands.present,
          compact: true,
        },
        { label: 'Presentation steps', text: 'Steps', pressed: stepsOpen, onClick: onToggleSteps },
        {
          label: 'Print handout',
          text: 'Handout',
          shortcut: `${MOD}P`,
          onClick: commands.printHandout,
        },
        {
          label: 'Keyboard shortcuts',
          text: '?',
          shortcut: '?',
          onClick: commands.showShortcuts,
        },
      ],
    },
  ];

  const inBar = (tool: Tool) => !compact || tool.compact === true;
  const rest = compact
    ? groups.map((g) => ({ ...g, tools: g.tools.filter((t) => !inBar(t)) }))
    : [];
  return (
    <div
      className={`cm-toolbar${compact ? ' cm-toolbar--compact' : ''}`}
      role="toolbar"
      aria-label="Map tools"
    >
      {groups.map((group) => {
        const shown = group.tools.filter(inBar);
        if (shown.length === 0) return null;
        return (
          <div key={group.name} className="cm-toolgroup" role="group" aria-label={group.name}>
            {shown.map((tool) => (
              <ToolButton key={tool.label} {...tool} />
            ))}
          </div>
        );
      })}
      {compact && <MoreTools groups={rest} />}
    </div>
  );
}

function ToolButton({ label, text, shortcut, onClick, disabled, pressed, title }: Tool) {
  return (
    <button
      type="button"
      className="cm-tool"
      aria-pressed={pressed}
      aria-label={label}
      aria-keyshortcuts={shortcut?.replace('⌘', 'Meta+')}
      title={title ?? (shortcut ? `${label} (${shortcut})` : label)}
      onClick={onClick}
      disabled={disabled}
    >
      {text}
    </button>
  );
}

/** The menu itself loads when first opened: it is not needed to draw the first map. */
const MoreMenu = lazyPart(() => import('./MoreMenu').then((m) => ({ default: m.MoreMenu })));

/**
 * The tools that do not fit a narrow toolbar, as a menu: arrow keys, Home and End move through
 * it, Enter or Space runs an item, Escape (or Tab, or a click elsewhere) closes it.
 */
function MoreTools({ groups }: { groups: MenuGroup[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  return (
    <div className="cm-more">
      <button
        ref={button}
        type="button"
        className="cm-tool"
        aria-label="More tools"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'cm-more-menu' : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        More ▾
      </button>
      {open && (
        <Lazy>
          <MoreMenu groups={groups} button={button} close={close} />
        </Lazy>
      )}
    </div>
  );
}

/** Says whether the open map is saved to its file. */
/**
 * Whether the map is saved to its file. In a class session (`live`) the map is kept on the class
 * server as it is edited, so there is nothing to warn about.
 */
export function SaveStatus({ live = false }: { live?: boolean }) {
  const fileName = useClashmap((s) => s.fileName);
  const mapDirty = useClashmap(isDirty);
  const online = usePresence((s) => s.connection === 'online');
  const dirty = mapDirty && !live;
  const text = live
    ? online
      ? 'Kept on the class server'
      : 'Offline: edits kept in this browser'
    : !fileName
      ? 'Not saved to a file'
      : dirty
        ? 'Unsaved changes'
        : 'Saved to file';
  return (
    <span
      className={`cm-save-status${dirty || (live && !online) ? ' is-dirty' : ''}`}
      role="status"
      aria-label={`Save status: ${text}`}
    >
      {text}
    </span>
  );
}
