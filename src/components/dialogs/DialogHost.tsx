import { Lazy, lazyPart } from '../Lazy';
import type { ImageExporter } from '../ExportDialog';
import { ShortcutsDialog } from '../ShortcutsDialog';
import type { Commands, DialogState } from '../useCommands';

// Each dialog loads when it is first shown: none is needed to open a map, and the initial
// JavaScript has a budget (npm run bench -- --size-only).
const ExportDialog = lazyPart(() => import('../ExportDialog'));
const SearchDialog = lazyPart(() =>
  import('../SearchDialog').then((m) => ({ default: m.SearchDialog })),
);
const editorDialogs = () => import('./EditorDialogs');
const ConclusionDialog = lazyPart(() =>
  editorDialogs().then((m) => ({ default: m.ConclusionDialog })),
);
const ConfirmDiscardDialog = lazyPart(() =>
  editorDialogs().then((m) => ({ default: m.ConfirmDiscardDialog })),
);
const OpenErrorDialog = lazyPart(() =>
  editorDialogs().then((m) => ({ default: m.OpenErrorDialog })),
);
const ShareLinkDialog = lazyPart(() =>
  editorDialogs().then((m) => ({ default: m.ShareLinkDialog })),
);
const ShareTooBigDialog = lazyPart(() =>
  editorDialogs().then((m) => ({ default: m.ShareTooBigDialog })),
);
const ImportedDialog = lazyPart(() => editorDialogs().then((m) => ({ default: m.ImportedDialog })));

/** The one dialog the editor is showing, if any. */
export function DialogHost(props: {
  dialog: DialogState;
  setDialog: (dialog: DialogState) => void;
  commands: Commands;
  exportImage: ImageExporter;
}) {
  return (
    <Lazy>
      <ShownDialog {...props} />
    </Lazy>
  );
}

function ShownDialog({
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
    case 'conclusion':
      return (
        <ConclusionDialog
          premises={dialog.premises}
          candidates={dialog.candidates}
          onCancel={close}
          onChoose={(id) => {
            setDialog(null);
            commands.linkPremises(dialog.premises, id);
          }}
        />
      );
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'export':
      return <ExportDialog onClose={close} exportImage={exportImage} />;
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
