import { memo, useEffect, useMemo, useRef } from 'react';
import type { MapNode } from '../model/node';
import { outlineLine, outlineOf, type OutlineItem } from '../model/outline';
import { useClashmap } from '../store/StoreContext';

interface Props {
  /** Where "Show on map" goes; without it (the printed handout) there are no buttons. */
  onShowNode?: (id: string) => void;
  headingLevel?: 2 | 3;
}

function Quotes({ node }: { node: MapNode }) {
  if (node.evidence.length === 0) return null;
  return (
    <ul className="cm-outline__quotes" aria-label="Quotes">
      {node.evidence.map((e) => (
        <li key={e.id}>
          <q>{e.quote}</q> <span className="cm-outline__speaker">— {e.speaker}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Show on map" for one node; absent where nothing can be shown (the printed handout). */
function ShowButton({ node, onShowNode }: { node: MapNode; onShowNode?: (id: string) => void }) {
  if (!onShowNode) return null;
  return (
    <button
      type="button"
      className="cm-link-button cm-outline__show"
      aria-label={`Show on map: ${node.text}`}
      onClick={() => onShowNode(node.id)}
    >
      show
    </button>
  );
}

function Items({ items, onShowNode }: { items: OutlineItem[]; onShowNode?: (id: string) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="cm-outline__list">
      {items.map((item, i) => {
        return (
          <li
            key={`${item.node.id}-${i}`}
            className={`cm-outline__item cm-outline__item--${item.via?.kind ?? 'root'}`}
          >
            <span className="cm-outline__relation">
              {item.via ? `${outlineLine(item).label}: ` : ''}
            </span>
            <span className="cm-outline__text">{outlineLine(item).text}</span>
            {item.repeat && <span className="cm-muted"> (see above)</span>}
            <ShowButton node={item.node} onShowNode={onShowNode} />
            {!item.repeat && <Quotes node={item.node} />}
            {!item.repeat && <Items items={item.children} onShowNode={onShowNode} />}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The map as an outline (positions, what supports and rebuts them, nested, with quotes and
 * speakers): the list view a screen-reader user reads, and the printed handout's text.
 */
export const OutlineView = memo(function OutlineView({ onShowNode, headingLevel = 2 }: Props) {
  const map = useClashmap((s) => s.map);
  const outline = useMemo(() => outlineOf(map), [map]);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <section className="cm-outline" aria-label="Outline">
      <H className="cm-outline__title">{map.title}</H>
      {map.description && <p>{map.description}</p>}
      {outline.positions.map((position, i) => (
        <article key={position.node.id} className="cm-outline__position">
          <Sub>
            Position {i + 1}: {position.node.text}
            <ShowButton node={position.node} onShowNode={onShowNode} />
          </Sub>
          <Quotes node={position.node} />
          <Items items={position.children} onShowNode={onShowNode} />
        </article>
      ))}
      {outline.unlinked.length > 0 && (
        <article className="cm-outline__position">
          <Sub>Claims not linked to a position</Sub>
          <Items items={outline.unlinked} onShowNode={onShowNode} />
        </article>
      )}
    </section>
  );
});

/**
 * The outline on screen, over the canvas: each item has "Show on map", which closes the outline
 * and brings that card into view. Focus moves into the outline when it opens; Escape or "Back
 * to the map" closes it.
 */
export function OutlinePanel({
  onShowNode,
  onClose,
}: {
  onShowNode: (id: string) => void;
  onClose: () => void;
}) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    return () => {
      // Back to where the user was (the toolbar button), unless a card took focus meanwhile.
      if (document.activeElement === document.body || !document.activeElement) opener?.focus();
    };
  }, []);
  return (
    <div
      ref={panel}
      className="cm-outline-panel"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <button type="button" className="cm-outline-panel__close" onClick={onClose}>
        Back to the map
      </button>
      <OutlineView onShowNode={onShowNode} />
    </div>
  );
}
