import { useId, useState } from 'react';
import { mapToCards } from '../io/cards';
import { downloadText } from '../io/fileAccess';
import { exportFormats } from '../io/formats/registry';
import type { Loss } from '../io/formats/types';
import { suggestFileName } from '../io/fileAccess';
import { MAP_FILE_EXTENSION } from '../model/map';
import { useClashmap, useClashmapStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

export interface ImageExporter {
  /** Exports the whole map, or the selected nodes, as an image file of this kind. */
  (kind: 'svg' | 'png', selectionOnly: boolean): Promise<void>;
}

interface Props {
  onClose: () => void;
  exportImage: ImageExporter;
}

/** Saves the map in another tool's format or as an image, and says what did not carry over. */
export default function ExportDialog({ onClose, exportImage }: Props) {
  const store = useClashmapStore();
  const hasSelection = useClashmap((s) => s.selectedNodeIds.length > 0);
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [report, setReport] = useState<{ label: string; losses: Loss[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const scopeName = useId();

  const base = () => suggestFileName(store.getState().map.title).replace(MAP_FILE_EXTENSION, '');
  const formats = exportFormats().filter((f) => f.id !== 'clashmap');

  return (
    <Dialog
      title="Export the map"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <h3 className="cm-dialog__subtitle">Image for slides and handouts</h3>
      <fieldset className="cm-field">
        <legend>What to draw</legend>
        <label className="cm-radio">
          <input
            type="radio"
            name={scopeName}
            checked={!selectionOnly}
            onChange={() => setSelectionOnly(false)}
          />
          Whole map
        </label>
        <label className="cm-radio">
          <input
            type="radio"
            name={scopeName}
            checked={selectionOnly}
            disabled={!hasSelection}
            onChange={() => setSelectionOnly(true)}
          />
          Selection only
        </label>
      </fieldset>
      <div className="cm-row">
        {(['png', 'svg'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void exportImage(kind, selectionOnly && hasSelection)
                .then(() => setReport({ label: kind.toUpperCase(), losses: [] }))
                .catch((error: unknown) =>
                  store
                    .getState()
                    .notify(
                      'error',
                      `Could not export: ${error instanceof Error ? error.message : String(error)}`,
                    ),
                )
                .finally(() => setBusy(false));
            }}
          >
            Export {kind.toUpperCase()}
          </button>
        ))}
      </div>
      <h3 className="cm-dialog__subtitle">For other tools</h3>
      <div className="cm-row">
        {formats.map((format) => (
          <button
            key={format.id}
            type="button"
            onClick={() => {
              const result = format.export!(store.getState().mapToSave());
              if (!result.ok) {
                store
                  .getState()
                  .notify(
                    'error',
                    `Could not export: ${result.errors[0]?.message ?? 'unknown problem'}`,
                  );
                return;
              }
              downloadText(result.value, `${base()}${format.extension}`, format.mimeType);
              setReport({ label: format.label, losses: result.losses });
            }}
          >
            {format.label} ({format.extension})
          </button>
        ))}
        <button
          type="button"
          onClick={() => {
            downloadText(mapToCards(store.getState().map), `${base()}.cards.txt`, 'text/plain');
            setReport({ label: 'Debate cards', losses: [] });
          }}
        >
          Debate cards (.txt)
        </button>
      </div>
      {report && (
        <div className="cm-export-report" role="status">
          <p>
            Exported as {report.label}.
            {report.losses.length === 0 ? ' Everything was carried over.' : ' Not carried over:'}
          </p>
          {report.losses.length > 0 && (
            <ul aria-label="Not carried over">
              {report.losses.map((loss, i) => (
                <li key={i}>
                  {loss.message}
                  {loss.count > 1 ? ` (${loss.count} places)` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
