import { Dialog } from '../Dialog';

/** Keeping a shared copy would replace the user's own map, which has unsaved changes. */
export function ReplaceOwnMapDialog({
  title,
  onCancel,
  onDownload,
  onReplace,
}: {
  title: string;
  onCancel: () => void;
  onDownload: () => void;
  onReplace: () => void;
}) {
  return (
    <Dialog
      title="Replace your own map?"
      role="alertdialog"
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" onClick={onDownload}>
            Download my map first
          </button>
          <button type="button" className="cm-danger" onClick={onReplace}>
            Replace it
          </button>
        </>
      }
    >
      <p>
        Your own map “{title}” has changes that are not saved to a file. Keeping the shared copy
        replaces it in this browser.
      </p>
    </Dialog>
  );
}

/** A share link that could not be read; the user's own map opened instead. */
export function LinkProblemDialog({ message, onClose }: { message: string; onClose: () => void }) {
  return (
    <Dialog
      title="This link could not be opened"
      role="alertdialog"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          OK
        </button>
      }
    >
      {message.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      <p className="cm-muted">Your own map is open, unchanged.</p>
    </Dialog>
  );
}

/** Another tab saved this map: choose which version to keep. */
export function TabConflictDialog({
  onLoadOther,
  onKeepMine,
  onDownload,
}: {
  onLoadOther: () => void;
  onKeepMine: () => void;
  onDownload: () => void;
}) {
  return (
    <Dialog
      title="This map was changed in another tab"
      role="alertdialog"
      onClose={() => undefined}
      actions={
        <>
          <button type="button" onClick={onLoadOther}>
            Load the other tab’s version
          </button>
          <button type="button" onClick={onKeepMine}>
            Keep this tab’s version
          </button>
        </>
      }
    >
      <p>
        Clashmap is open in more than one tab, and another tab saved changes to this map. Choose
        which version to keep; the other is replaced. (Tip: download a copy first if you are
        unsure.)
      </p>
      <button type="button" className="cm-link-button" onClick={onDownload}>
        Download this tab’s version
      </button>
    </Dialog>
  );
}
