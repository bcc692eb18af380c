import { useEffect, useRef, useState } from 'react';
import { LIMITS } from '../../model/limits';
import { typeAhead } from './typeAhead';

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
