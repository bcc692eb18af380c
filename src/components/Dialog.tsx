import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
  role?: 'dialog' | 'alertdialog';
  /**
   * Whether focus goes back to what had it before, when the dialog closes (yes, unless what the
   * dialog did moves the user elsewhere, as choosing a search result moves them to that card).
   */
  restoreFocus?: boolean;
}

/**
 * A modal dialog on the native <dialog> element: focus is trapped, Escape closes it, and focus
 * goes back to what had it before (the dialog is gone from the page by the time it closes, so
 * the browser cannot do that itself).
 */
export function Dialog({
  title,
  onClose,
  children,
  actions,
  role = 'dialog',
  restoreFocus = true,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (!restoreFocus || !(opener instanceof HTMLElement)) return;
      // After the event that closed it has run its course: an Enter that closed the dialog must
      // not go on to press the button that opened it.
      setTimeout(() => {
        const focusNow = document.activeElement;
        const lost = !focusNow || focusNow === document.body || !focusNow.isConnected;
        if (lost && opener.isConnected) opener.focus();
      }, 0);
    };
    // Read once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <dialog
      ref={ref}
      className="cm-dialog"
      role={role}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="cm-dialog__title">
        {title}
      </h2>
      <div className="cm-dialog__body">{children}</div>
      <div className="cm-dialog__actions">{actions}</div>
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  children: ReactNode;
}

/** A question with Cancel and one action; Escape cancels. */
export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  danger,
  children,
}: ConfirmProps) {
  return (
    <Dialog
      title={title}
      role="alertdialog"
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={danger ? 'cm-danger' : undefined} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
