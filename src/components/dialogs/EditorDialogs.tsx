import { useState } from 'react';
import type { Loss } from '../../io/formats/types';
import { ConfirmDialog, Dialog } from '../Dialog';

/** Asks before unsaved changes are dropped to `action` (e.g. "open another map"). */
export function ConfirmDiscardDialog({
  action,
  onCancel,
  onConfirm,
}: {
  action: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      title="Discard unsaved changes?"
      confirmLabel="Discard changes"
      danger
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        The open map has changes that are not saved to a file. To {action}, they will be discarded.
      </p>
    </ConfirmDialog>
  );
}

/** Why a file could not be opened: the headline, then each problem with its place. */
export function OpenErrorDialog({
  fileName,
  lines,
  onClose,
}: {
  fileName: string;
  lines: string[];
  onClose: () => void;
}) {
  return (
    <Dialog
      title={`Could not open ${fileName}`}
      role="alertdialog"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          OK
        </button>
      }
    >
      <p>{lines[0]}</p>
      {lines.length > 1 && (
        <ul className="cm-error-list" aria-label="Problems">
          {lines.slice(1).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <p className="cm-muted">The map you had open is unchanged.</p>
    </Dialog>
  );
}

/** The share link, to copy by hand when the clipboard refuses. */
export function ShareLinkDialog({ url, onClose }: { url: string; onClose: () => void }) {
  return (
    <Dialog
      title="Share link"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          Done
        </button>
      }
    >
      <p>
        Anyone who opens this link sees a copy of the map; nothing is uploaded anywhere. The whole
        map is in the link ({Math.ceil(url.length / 1024)} KB).
      </p>
      <label htmlFor="cm-share-url">Link</label>
      <input
        id="cm-share-url"
        className="cm-share-url"
        readOnly
        value={url}
        onFocus={(e) => e.currentTarget.select()}
      />
    </Dialog>
  );
}

/** A map too big for a link: offers to save the file instead. */
export function ShareTooBigDialog({
  message,
  onCancel,
  onSave,
}: {
  message: string;
  onCancel: () => void;
  onSave: () => void;
}) {
  return (
    <ConfirmDialog
      title="Too big for a link"
      confirmLabel="Save the map file"
      onCancel={onCancel}
      onConfirm={onSave}
    >
      <p>{message}</p>
      <p>Share the map file instead: save it, then send the file.</p>
    </ConfirmDialog>
  );
}

/** What an import read, and what did not carry over, before the imported map replaces the open one. */
export function ImportedDialog({
  fileName,
  label,
  losses,
  onCancel,
  onOpen,
}: {
  fileName: string;
  label: string;
  losses: Loss[];
  onCancel: () => void;
  onOpen: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Import ${fileName}`}
      confirmLabel="Open the imported map"
      onCancel={onCancel}
      onConfirm={onOpen}
    >
      <p>
        Read as {label}.
        {losses.length === 0 ? ' Everything was carried over.' : ' Not carried over:'}
      </p>
      {losses.length > 0 && (
        <ul aria-label="Not carried over">
          {losses.map((loss, i) => (
            <li key={i}>
              {loss.message}
              {loss.count > 1 ? ` (${loss.count} places)` : ''}
            </li>
          ))}
        </ul>
      )}
    </ConfirmDialog>
  );
}

/**
 * "Support together" when the selected claims do not already support one claim in common: asks
 * which claim they support together, from a list of the others.
 */
export function ConclusionDialog({
  premises,
  candidates,
  onCancel,
  onChoose,
}: {
  premises: string[];
  candidates: { id: string; text: string; kind: string }[];
  onCancel: () => void;
  onChoose: (id: string) => void;
}) {
  const [chosen, setChosen] = useState(candidates[0]?.id ?? '');
  return (
    <Dialog
      title="Support together"
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" disabled={!chosen} onClick={() => onChoose(chosen)}>
            Link as one argument
          </button>
        </>
      }
    >
      <p>
        {premises.length} claims will support the conclusion only together: if one of them falls,
        the argument falls.
      </p>
      <label className="cm-field">
        Which claim do they support together?
        <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {candidates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.kind === 'position' ? 'Position: ' : ''}
              {candidate.text.length > 90 ? `${candidate.text.slice(0, 87)}…` : candidate.text}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}
