import { KEY_TABLE, shortcutLabel } from '../app/keyTable';
import { Dialog } from './Dialog';

/** The `?` help: every line comes from the key table that the key handler runs. */
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
          {KEY_TABLE.map((shortcut) => {
            const keys = shortcutLabel(shortcut);
            return (
              <tr key={`${shortcut.group}:${keys}`}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{shortcut.description}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Dialog>
  );
}
