import { useEffect, useRef, useState, type ClipboardEvent } from 'react';
import { LIMITS } from '../../model/limits';
import { useClashmapStore } from '../../store/StoreContext';
import { typeAhead } from './typeAhead';

/**
 * Pastes into a field that holds at most `limit` UTF-16 code units (as the file format counts):
 * when the clipboard text does not fit, only what fits is pasted (never half of an emoji) and the
 * returned sentence says so, naming `what` ("a node's text"). Returns null when the paste fits
 * and is left to the browser. A field's own maxLength would cut a long paste without a word.
 */
export function pasteWithinLimit(
  event: ClipboardEvent<HTMLTextAreaElement | HTMLInputElement>,
  limit: number,
  what: string,
): { value: string; notice: string } | null {
  const field = event.currentTarget;
  // The field stores line breaks as "\n"; count them that way.
  const pasted = event.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n');
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const room = Math.max(0, limit - (field.value.length - (end - start)));
  if (pasted.length <= room) return null;
  event.preventDefault();
  let cut = room;
  const last = pasted.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--;
  const kept = pasted.slice(0, cut);
  field.setRangeText(kept, start, end, 'end');
  const max = limit.toLocaleString('en-US');
  let notice: string;
  if (kept.length === 0)
    notice = `Nothing was pasted: it does not fit in the ${max}-character limit for ${what}.`;
  else if (kept.length === limit)
    notice = `The pasted text was cut to ${kept.length.toLocaleString('en-US')} characters (the limit for ${what}).`;
  else
    notice = `The pasted text was cut to ${kept.length.toLocaleString('en-US')} characters, so that ${what} fits its limit of ${max}.`;
  return { value: field.value, notice };
}

interface Props {
  initial: string;
  label: string;
  /** `byKey` is true when Enter committed, false when focus left the field. */
  onCommit: (text: string, byKey: boolean) => void;
  onCancel: () => void;
}

/**
 * Edits a node's text in place. Enter or leaving the field commits (one undo step);
 * Shift+Enter starts a new line; Escape puts the text back.
 */
export function NodeTextEditor({ initial, label, onCommit, onCancel }: Props) {
  const store = useClashmapStore();
  const [text, setText] = useState(initial);
  // The latest text, for commits that happen outside a render (a typed-ahead Enter).
  const textRef = useRef(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  // Read by the focus effect below, which runs once: it must see the latest callbacks.
  const finishRef = useRef<(commit: boolean, byKey: boolean) => void>(() => undefined);

  const finish = (commit: boolean, byKey: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) onCommit(textRef.current, byKey);
    else onCancel();
  };
  useEffect(() => {
    finishRef.current = finish;
  });

  useEffect(() => {
    // A new node is hidden until React Flow has measured it, and hidden elements cannot take
    // focus: keep trying for a few frames so typing goes into the field at once.
    let frame = 0;
    // Measuring can take a while on a busy machine: keep trying for up to five seconds.
    const giveUpAt = performance.now() + 5000;
    const focus = () => {
      const field = ref.current;
      if (!field) return;
      field.focus({ preventScroll: true });
      if (document.activeElement === field) {
        const early = typeAhead.take();
        const enterAt = early.indexOf('\r');
        if (enterAt >= 0) {
          // Typed and committed before the field could take focus.
          const typed = early.slice(0, enterAt);
          textRef.current = typed || initial;
          finishRef.current(true, true);
        } else if (early) {
          // Replaces the placeholder text at once, in the field itself too, so that keys typed
          // before React re-renders land after it (not after the placeholder).
          field.value = early;
          field.setSelectionRange(early.length, early.length);
          textRef.current = early;
          setText(early);
        } else field.select();
      } else if (performance.now() < giveUpAt) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [initial]);

  return (
    <textarea
      ref={ref}
      className="cm-node__editor nodrag nopan nowheel"
      aria-label={label}
      value={text}
      maxLength={LIMITS.nodeTextLength}
      rows={Math.min(8, Math.max(2, Math.ceil(text.length / 30)))}
      onChange={(event) => {
        textRef.current = event.target.value;
        setText(event.target.value);
      }}
      onPaste={(event) => {
        const cut = pasteWithinLimit(event, LIMITS.nodeTextLength, "a node's text");
        if (!cut) return;
        textRef.current = cut.value;
        setText(cut.value);
        store.getState().notify('error', cut.notice);
      }}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter' && !event.shiftKey) {
          event.preventDefault();
          finishRef.current(true, true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(false, true);
        }
      }}
      onBlur={() => finish(true, false)}
    />
  );
}
