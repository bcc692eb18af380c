import { useId, useMemo, useState } from 'react';
import type { MapNode } from '../model/node';
import { useClashmap } from '../store/StoreContext';
import { Dialog } from './Dialog';

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Nodes whose text, quotes or speakers contain every word of the query. */
export function searchNodes(nodes: readonly MapNode[], query: string): MapNode[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return nodes.filter((node) => {
    const haystack = fold(
      [node.text, ...node.evidence.flatMap((e) => [e.quote, e.speaker]), ...(node.tags ?? [])].join(
        ' \n ',
      ),
    );
    return words.every((word) => haystack.includes(word));
  });
}

/** Finds nodes by text, quote or speaker; choosing one selects it and brings it into view. */
export function SearchDialog({
  onChoose,
  onClose,
}: {
  onChoose: (id: string) => void;
  onClose: () => void;
}) {
  const nodes = useClashmap((s) => s.map.nodes);
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchNodes(nodes, query), [nodes, query]);
  const inputId = useId();
  return (
    <Dialog
      title="Search the map"
      onClose={onClose}
      // Choosing a result moves the user to that card (and the keys to it): focus stays there.
      restoreFocus={false}
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <label htmlFor={inputId}>Find nodes by text, quote or speaker</label>
      <input
        id={inputId}
        type="search"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0]) onChoose(results[0].id);
        }}
      />
      <p className="cm-muted" role="status">
        {query.trim() ? `${results.length} match${results.length === 1 ? '' : 'es'}` : ''}
      </p>
      <ul className="cm-search-results" aria-label="Search results">
        {results.slice(0, 50).map((node) => (
          <li key={node.id}>
            <button type="button" onClick={() => onChoose(node.id)}>
              <span className="cm-muted">{node.kind === 'position' ? 'Position' : 'Claim'}:</span>{' '}
              {node.text}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
