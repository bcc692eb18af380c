import { useState } from 'react';
import { useClashmap, useClashmapStore } from '../store/StoreContext';

/** The map's title; click to rename it (Enter commits, Escape cancels). */
export function MapTitle() {
  const title = useClashmap((s) => s.map.title);
  const store = useClashmapStore();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <h1 className="cm-title">
        <button
          type="button"
          className="cm-title-button"
          aria-label={`Rename map: ${title}`}
          onClick={() => setDraft(title)}
        >
          {title}
        </button>
      </h1>
    );
  }
  const commit = () => {
    store.getState().setTitle(draft);
    setDraft(null);
  };
  return (
    <h1 className="cm-title">
      <input
        className="cm-title-input"
        aria-label="Map title"
        autoFocus
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    </h1>
  );
}
