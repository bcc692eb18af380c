import { memo, useEffect, useMemo, useRef } from 'react';
import { quoteMarks, segmentText, type QuoteMark } from '../../model/highlights';
import type { Source } from '../../model/source';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import type { PositionKey } from './positionColors';

export interface TextSelection {
  start: number;
  end: number;
}

interface Props {
  source: Source & { text: string };
  keys: Map<string, PositionKey | null>;
  onChoose: (nodeId: string) => void;
  onSelectText: (selection: TextSelection | null) => void;
}

/** Character offset of a DOM point within `container`'s text (pseudo-element badges excluded). */
function offsetIn(container: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * A source's full text with every quote highlighted in the colour of the position it leads to.
 * A highlight is a button: it selects its node and brings it into view.
 */
export const SourceText = memo(function SourceText({
  source,
  keys,
  onChoose,
  onSelectText,
}: Props) {
  const map = useClashmap((s) => s.map);
  const selected = useClashmap((s) => s.selectedNodeIds);
  const store = useClashmapStore();
  const container = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => quoteMarks(map, source.id), [map, source.id]);
  const segments = useMemo(
    () => segmentText(source.text.length, marks),
    [source.text.length, marks],
  );
  const textOf = useMemo(() => new Map(map.nodes.map((n) => [n.id, n.text])), [map]);

  // Selecting a node scrolls the text to its first quote.
  useEffect(() => {
    const id = selected[0];
    if (!id || !container.current) return;
    const first = container.current.querySelector<HTMLElement>(
      `mark[data-node-ids~="${CSS.escape(id)}"]`,
    );
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  const readSelection = () => {
    const selection = window.getSelection();
    const root = container.current;
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !root)
      return onSelectText(null);
    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer))
      return onSelectText(null);
    let start = offsetIn(root, range.startContainer, range.startOffset);
    let end = offsetIn(root, range.endContainer, range.endOffset);
    // Whitespace at either end is never part of a quote.
    while (start < end && /\s/.test(source.text[start]!)) start++;
    while (end > start && /\s/.test(source.text[end - 1]!)) end--;
    onSelectText(end > start ? { start, end } : null);
  };

  const selectedSet = new Set(selected);
  return (
    <div
      ref={container}
      className="cm-source-text"
      onMouseUp={readSelection}
      onKeyUp={(event) => {
        if (event.shiftKey || event.key.startsWith('Arrow')) readSelection();
      }}
    >
      {segments.map((segment) => {
        const text = source.text.slice(segment.start, segment.end);
        if (segment.marks.length === 0) return <span key={segment.start}>{text}</span>;
        // The innermost (shortest) quote is the one a click means.
        const main = segment.marks.reduce<QuoteMark>(
          (best, m) => (m.end - m.start < best.end - best.start ? m : best),
          segment.marks[0]!,
        );
        const key = keys.get(main.nodeId) ?? null;
        const ids = [...new Set(segment.marks.map((m) => m.nodeId))];
        const active = ids.some((id) => selectedSet.has(id));
        const label = ids.map((id) => textOf.get(id) ?? id).join('; ');
        return (
          <mark
            key={segment.start}
            className={`cm-quote-mark${active ? ' is-active' : ''}`}
            data-node-ids={ids.join(' ')}
            data-position={key ? `P${key.number}` : ''}
            style={key ? ({ '--cm-pos-color': key.color } as React.CSSProperties) : undefined}
            role="button"
            tabIndex={0}
            aria-label={`“${text}”, quoted for: ${label}`}
            title={`${key ? `Position ${key.number}. ` : ''}Quoted by: ${label}`}
            onClick={() => {
              if (window.getSelection()?.isCollapsed !== false) onChoose(main.nodeId);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onChoose(main.nodeId);
              }
            }}
            onMouseEnter={() => store.getState().setHoveredNode(main.nodeId)}
            onMouseLeave={() => store.getState().setHoveredNode(null)}
            onFocus={() => store.getState().setHoveredNode(main.nodeId)}
            onBlur={() => store.getState().setHoveredNode(null)}
          >
            {text}
          </mark>
        );
      })}
    </div>
  );
});
