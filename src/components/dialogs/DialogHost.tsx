import { Suspense, lazy } from 'react';
import type { ImageExporter } from '../ExportDialog';
import { SearchDialog } from '../SearchDialog';
import { ShortcutsDialog } from '../ShortcutsDialog';
import type { Commands, DialogState } from '../useCommands';
import {
  ConfirmDiscardDialog,
  ImportedDialog,
  OpenErrorDialog,
  ShareLinkDialog,
  ShareTooBigDialog,
} from './EditorDialogs';

const ExportDialog = lazy(() => import('../ExportDialog'));

/** The one dialog the editor is showing, if any. */
export function DialogHost({
  dialog,
  setDialog,
  commands,
  exportImage,
}: {
  dialog: DialogState;
  setDialog: (dialog: DialogState) => void;
  commands: Commands;
  exportImage: ImageExporter;
}) {
  const close = () => setDialog(null);
  switch (dialog?.type) {
    case undefined:
      return null;
    case 'confirmDiscard':
      return (
        <ConfirmDiscardDialog
          action={dialog.action}
          onCancel={close}
          onConfirm={() => {
            setDialog(null);
            dialog.proceed();
          }}
        />
      );
    case 'openError':
      return <OpenErrorDialog fileName={dialog.fileName} lines={dialog.lines} onClose={close} />;
    case 'search':
      return (
        <SearchDialog
          onClose={close}
          onChoose={(id) => {
            setDialog(null);
            commands.focusNode(id);
          }}
        />
      );
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'export':
      return (
        <Suspense fallback={null}>
          <ExportDialog onClose={close} exportImage={exportImage} />
        </Suspense>
      );
    case 'share':
      return <ShareLinkDialog url={dialog.url} onClose={close} />;
    case 'shareTooBig':
      return (
        <ShareTooBigDialog
          message={dialog.message}
          onCancel={close}
          onSave={() => {
            setDialog(null);
            commands.save();
          }}
        />
      );
    case 'imported':
      return (
        <ImportedDialog
          fileName={dialog.fileName}
          label={dialog.label}
          losses={dialog.losses}
          onCancel={close}
          onOpen={() => {
            setDialog(null);
            dialog.open();
          }}
        />
      );
  }
}
