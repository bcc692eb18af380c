import { useEffect, useRef, useState } from 'react';
import { LIMITS } from '../../model/limits';

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
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useEffect(() => {
    // A new node is hidden until React Flow has measured it, and hidden elements cannot take
    // focus: keep trying for a few frames so typing goes into the field at once.
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const field = ref.current;
      if (!field) return;
      field.focus();
      if (document.activeElement === field) field.select();
      else if (tries++ < 30) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, []);

  const finish = (commit: boolean, byKey: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) onCommit(text, byKey);
    else onCancel();
  };

  return (
    <textarea
      ref={ref}
      className="cm-node__editor nodrag nopan nowheel"
      aria-label={label}
      value={text}
      maxLength={LIMITS.nodeTextLength}
      rows={Math.min(8, Math.max(2, Math.ceil(text.length / 30)))}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter' && !event.shiftKey) {
          event.preventDefault();
          finish(true, true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(false, true);
        }
      }}
      onBlur={() => finish(true, false)}
    />
  );
}
