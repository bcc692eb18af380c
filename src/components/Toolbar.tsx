import { useStore } from 'zustand';
import { capitalised, EDGE_KINDS, relationKind } from '../model/relations/registry';
import { isDirty } from '../store/store';
import { useClashmap, useClashmapStore } from '../store/StoreContext';
import type { Commands } from './useCommands';

const MOD =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

interface ButtonProps {
  label: string;
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: string;
}

function ToolButton({ label, shortcut, onClick, disabled, pressed, children }: ButtonProps) {
  return (
    <button
      type="button"
      className="cm-tool"
      aria-pressed={pressed}
      aria-label={label}
      aria-keyshortcuts={shortcut?.replace('⌘', 'Meta+')}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
    >
      {children}
    </button>
  );
}

/** File, edit and view commands, each with an accessible name and its shortcut. */
interface ToolbarProps {
  commands: Commands;
  sourceOpen: boolean;
  onToggleSource: () => void;
  stepsOpen: boolean;
  onToggleSteps: () => void;
  outlineOpen: boolean;
  onToggleOutline: () => void;
}

export function Toolbar({
  commands,
  sourceOpen,
  onToggleSource,
  stepsOpen,
  onToggleSteps,
  outlineOpen,
  onToggleOutline,
}: ToolbarProps) {
  const store = useClashmapStore();
  const canUndo = useStore(store.history, (s) => s.past.length > 0);
  const canRedo = useStore(store.history, (s) => s.future.length > 0);
  const hasSelection = useClashmap((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length > 0);
  const oneNode = useClashmap((s) => s.selectedNodeIds.length === 1);
  const cardView = useClashmap((s) => s.cardView);
  const labelsOn = useClashmap((s) => s.labelsOn);

  return (
    <div className="cm-toolbar" role="toolbar" aria-label="Map tools">
      <div className="cm-toolgroup" role="group" aria-label="File">
        <ToolButton label="New map" onClick={commands.newMap}>
          New
        </ToolButton>
        <ToolButton label="Open map" shortcut={`${MOD}O`} onClick={commands.openFile}>
          Open…
        </ToolButton>
        <ToolButton label="Save map" shortcut={`${MOD}S`} onClick={commands.save}>
          Save
        </ToolButton>
        <ToolButton label="Save as" shortcut={`${MOD}Shift+S`} onClick={commands.saveAs}>
          Save as…
        </ToolButton>
        <ToolButton label="Import from another tool" onClick={commands.importFile}>
          Import…
        </ToolButton>
        <ToolButton label="Export" onClick={commands.exportMap}>
          Export…
        </ToolButton>
        <ToolButton label="Copy share link" onClick={() => void commands.shareLink()}>
          Share link
        </ToolButton>
      </div>
      <div className="cm-toolgroup" role="group" aria-label="Edit">
        <ToolButton label="Undo" shortcut={`${MOD}Z`} onClick={commands.undo} disabled={!canUndo}>
          Undo
        </ToolButton>
        <ToolButton
          label="Redo"
          shortcut={`${MOD}Shift+Z`}
          onClick={commands.redo}
          disabled={!canRedo}
        >
          Redo
        </ToolButton>
        <ToolButton label="Add position" shortcut="P" onClick={() => commands.addNode('position')}>
          + Position
        </ToolButton>
        <ToolButton label="Add claim" shortcut="C" onClick={() => commands.addNode('claim')}>
          + Claim
        </ToolButton>
        {EDGE_KINDS.map((kind) => {
          const { names, shortcut } = relationKind(kind);
          return (
            <ToolButton
              key={kind}
              label={`Add ${names.adjective} claim`}
              shortcut={shortcut.toUpperCase()}
              onClick={() => commands.reply(kind)}
              disabled={!oneNode}
            >
              {`+ ${capitalised(names.adjective)}`}
            </ToolButton>
          );
        })}
        <ToolButton
          label="Delete selection"
          shortcut="Delete"
          onClick={commands.deleteSelection}
          disabled={!hasSelection}
        >
          Delete
        </ToolButton>
      </div>
      <div className="cm-toolgroup" role="group" aria-label="View">
        <ToolButton label="Outline view" pressed={outlineOpen} onClick={onToggleOutline}>
          Outline
        </ToolButton>
        <ToolButton label="Source text" pressed={sourceOpen} onClick={onToggleSource}>
          Source
        </ToolButton>
        <ToolButton
          label="Show which claims stand"
          shortcut="L"
          pressed={labelsOn}
          onClick={() => store.getState().toggleLabels()}
        >
          Claims stand?
        </ToolButton>
        <ToolButton
          label="Show quotes as cards"
          pressed={cardView}
          onClick={() => store.getState().toggleCardView()}
        >
          Cards
        </ToolButton>
        <ToolButton label="Search" shortcut={`${MOD}F`} onClick={commands.search}>
          Search
        </ToolButton>
        <ToolButton label="Auto-layout" onClick={() => void commands.autoLayout()}>
          Auto-layout
        </ToolButton>
        <ToolButton label="Fit map to view" onClick={commands.fitView}>
          Fit
        </ToolButton>
      </div>
      <div className="cm-toolgroup" role="group" aria-label="Present">
        <ToolButton label="Present" shortcut="F5" onClick={commands.present}>
          ▶ Present
        </ToolButton>
        <ToolButton label="Presentation steps" pressed={stepsOpen} onClick={onToggleSteps}>
          Steps
        </ToolButton>
        <ToolButton label="Print handout" shortcut={`${MOD}P`} onClick={commands.printHandout}>
          Handout
        </ToolButton>
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={commands.showShortcuts}>
          ?
        </ToolButton>
      </div>
    </div>
  );
}

/** Says whether the open map is saved to its file. */
export function SaveStatus() {
  const fileName = useClashmap((s) => s.fileName);
  const dirty = useClashmap(isDirty);
  const text = !fileName ? 'Not saved to a file' : dirty ? 'Unsaved changes' : 'Saved to file';
  return (
    <span
      className={`cm-save-status${dirty ? ' is-dirty' : ''}`}
      role="status"
      aria-label={`Save status: ${text}`}
    >
      {text}
    </span>
  );
}
