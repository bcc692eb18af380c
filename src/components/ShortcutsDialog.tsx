import { EDGE_KINDS, relationKind } from '../model/relations/registry';
import { Dialog } from './Dialog';

const SHORTCUTS: Array<[string, string]> = [
  ['P', 'Add a position'],
  ['C', 'Add a claim'],
  ...EDGE_KINDS.map((kind): [string, string] => {
    const { shortcut, names } = relationKind(kind);
    return [shortcut.toUpperCase(), `Add a claim ${names.adjective} the selected node`];
  }),
  ['Enter or F2', 'Edit the selected node’s text (Enter commits, Escape cancels)'],
  ['Delete or Backspace', 'Delete the selection'],
  ['Ctrl+C, Ctrl+V', 'Copy and paste nodes'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Ctrl+F', 'Search'],
  ['L', 'Show or hide which claims stand'],
  [
    'F5',
    'Present (then → Space PageDown next, ← PageUp back, Home End, number+Enter jump, B blank, T theme, Escape leave)',
  ],
  ['Ctrl+P', 'Print a handout: the map and its outline'],
  ['Ctrl+O', 'Open a map file'],
  ['Ctrl+S, Ctrl+Shift+S', 'Save, Save as'],
  ['Tab', 'Move between nodes and connections'],
  ['Arrow keys', 'Move the focused node'],
  ['Shift+click, Shift+drag', 'Select several'],
  ['Double-click empty canvas', 'Add a claim there'],
  ['Escape', 'Clear the selection'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <table className="cm-shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
