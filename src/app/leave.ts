/**
 * Commits the text field being typed in, as leaving it would: every text field in the app
 * (a node's text, the inspector's fields, the title, a step's note) commits when it loses focus.
 * Run as the page goes away, so that closing the tab keeps what was typed.
 */
export function commitFieldBeingEdited(): void {
  const field = document.activeElement;
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) field.blur();
}

/**
 * Asks the browser to confirm leaving the page (its own "Leave site?" prompt) while `unstored()`
 * says the open map has edits that cannot be stored. Returns the function that stops asking.
 */
export function askBeforeLeaving(unstored: () => boolean): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!unstored()) return;
    event.preventDefault();
    // Older browsers look for a return value instead.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
