import { useCallback, useId, useMemo, useState } from 'react';
import { LIMITS } from '../../model/limits';
import { isSafeUrl, type Source } from '../../model/source';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { addQuote, addSource, removeSource, updateSource } from '../../store/sourceEdits';
import { usePositionKeys } from './positionColors';
import { SourceForm } from './SourceForm';
import { hasSourceDraft } from './sourceDraft';
import { SourceText, type TextSelection } from './SourceText';

interface Props {
  onChooseNode: (nodeId: string) => void;
  newClaimPosition: () => { x: number; y: number };
  onClose: () => void;
}

/** A source's citation; its URL is a link only when it is http(s). */
function Citation({ source }: { source: Source }) {
  const parts = [source.author, source.publisher, source.published].filter(Boolean).join(' · ');
  return (
    <div className="cm-citation">
      {parts && <p>{parts}</p>}
      {source.url &&
        (isSafeUrl(source.url) ? (
          <a href={source.url} target="_blank" rel="noopener noreferrer">
            {source.url}
          </a>
        ) : (
          <p className="cm-muted">{source.url}</p>
        ))}
    </div>
  );
}

/**
 * The source beside the map: its full text with every quote highlighted, a way to pull new
 * quotes from it, and the sources' citations.
 */
export function SourcePanel({ onChooseNode, newClaimPosition, onClose }: Props) {
  const store = useClashmapStore();
  const sources = useClashmap((s) => s.map.sources);
  const nodes = useClashmap((s) => s.map.nodes);
  const selectedNodeIds = useClashmap((s) => s.selectedNodeIds);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [form, setForm] = useState<'add' | 'edit' | null>(null);
  const [picked, setPicked] = useState<(TextSelection & { source: Source }) | null>(null);
  const [speaker, setSpeaker] = useState('');
  const keys = usePositionKeys();
  const ids = { source: useId(), speaker: useId(), speakers: useId() };

  const source = sources.find((s) => s.id === sourceId) ?? sources[0];
  // A selection belongs to the source object it was made in; switching or editing the source
  // drops it.
  const selection = picked && picked.source === source ? picked : null;
  const setSelection = useCallback(
    (range: TextSelection | null) => setPicked(range && source ? { ...range, source } : null),
    [source],
  );

  const speakers = useMemo(
    () => [...new Set(nodes.flatMap((n) => n.evidence.map((e) => e.speaker)))].sort(),
    [nodes],
  );
  const legend = useMemo(() => {
    const seen = new Map<number, { color: string; text: string }>();
    for (const key of keys.values()) if (key) seen.set(key.number, key);
    return [...seen.entries()].sort((a, b) => a[0] - b[0]);
  }, [keys]);

  // Read again when the form closes: what it left unsaved is kept, and the panel says so.
  const sourceShown = source?.id ?? null;
  const drafts = useMemo(
    () =>
      form
        ? null
        : {
            adding: hasSourceDraft(null),
            editing: sourceShown !== null && hasSourceDraft(sourceShown),
          },
    [form, sourceShown],
  );

  const quote = source?.text && selection ? source.text.slice(selection.start, selection.end) : '';
  const selectedNode = selectedNodeIds.length === 1 ? selectedNodeIds[0] : undefined;

  const evidence = () => {
    if (!source || !selection) return null;
    if (selection.end - selection.start > LIMITS.quoteLength) {
      store
        .getState()
        .notify(
          'error',
          `A quote can be at most ${LIMITS.quoteLength.toLocaleString('en-US')} characters; select less.`,
        );
      return null;
    }
    if (!speaker.trim()) {
      store.getState().notify('error', 'Say who says it: type or pick a speaker first.');
      return null;
    }
    return {
      sourceId: source.id,
      quote,
      start: selection.start,
      end: selection.end,
      speaker: speaker.trim(),
    };
  };

  return (
    <aside className="cm-source-panel" aria-label="Source">
      <div className="cm-source-panel__head">
        {sources.length > 1 ? (
          <div className="cm-field">
            <label htmlFor={ids.source}>Source</label>
            <select
              id={ids.source}
              value={source?.id}
              onChange={(e) => setSourceId(e.target.value)}
            >
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <h2 className="cm-source-panel__title">{source?.title ?? 'No source yet'}</h2>
        )}
        <div className="cm-row">
          {source && (
            <button type="button" onClick={() => setForm('edit')}>
              Edit source
            </button>
          )}
          <button type="button" onClick={() => setForm('add')}>
            Add source
          </button>
          {source && (
            <button
              type="button"
              onClick={() => {
                if (removeSource(store, source.id)) setSourceId(null);
              }}
            >
              Remove source
            </button>
          )}
          <button type="button" aria-label="Close source panel" onClick={onClose}>
            ×
          </button>
        </div>
        {drafts?.adding && (
          <p className="cm-muted">
            A source you began adding is kept, not yet saved: Add source goes on with it.
          </p>
        )}
        {drafts?.editing && (
          <p className="cm-muted">
            Your changes to this source are kept, not yet saved: Edit source goes on with them.
          </p>
        )}
        {source && sources.length > 1 && <h2 className="cm-source-panel__title">{source.title}</h2>}
        {source && <Citation source={source} />}
        {legend.length > 0 && (
          <ul className="cm-position-legend" aria-label="Highlight colours">
            {legend.map(([number, key]) => (
              <li key={number} style={{ '--cm-pos-color': key.color } as React.CSSProperties}>
                <span className="cm-position-legend__swatch" aria-hidden="true">
                  P{number}
                </span>
                {key.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      {source?.text ? (
        <SourceText
          source={source as Source & { text: string }}
          keys={keys}
          onChoose={onChooseNode}
          onSelectText={setSelection}
        />
      ) : (
        <p className="cm-muted cm-source-panel__empty">
          {source
            ? 'This source has no text yet. Edit it to paste the text in.'
            : 'Add a source to quote from it.'}
        </p>
      )}
      {selection && source && (
        <div className="cm-quote-actions" role="group" aria-label="Selected text">
          <p className="cm-quote-actions__quote">
            “{quote.length > 160 ? `${quote.slice(0, 157)}…` : quote}”
          </p>
          <div className="cm-field">
            <label htmlFor={ids.speaker}>Speaker</label>
            <input
              id={ids.speaker}
              list={ids.speakers}
              value={speaker}
              onChange={(e) => setSpeaker(e.target.value)}
              placeholder="Who says it?"
            />
            <datalist id={ids.speakers}>
              {speakers.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </div>
          <div className="cm-row">
            <button
              type="button"
              onClick={() => {
                const e = evidence();
                if (!e) return;
                store.getState().claimFromQuote(e, newClaimPosition());
                setSelection(null);
                window.getSelection()?.removeAllRanges();
              }}
            >
              New claim from quote
            </button>
            <button
              type="button"
              disabled={!selectedNode}
              title={selectedNode ? undefined : 'Select one node on the map first'}
              onClick={() => {
                const e = evidence();
                if (!e || !selectedNode) return;
                if (addQuote(store, selectedNode, e)) {
                  store.getState().notify('info', 'Quote added to the selected node.');
                  setSelection(null);
                  window.getSelection()?.removeAllRanges();
                }
              }}
            >
              Add quote to selected node
            </button>
          </div>
        </div>
      )}
      {form && (
        <SourceForm
          initial={form === 'edit' ? source : undefined}
          onClose={() => setForm(null)}
          onSave={(fields) => {
            if (form === 'edit' && source) {
              if (!updateSource(store, source.id, fields)) return false;
            } else {
              const added = addSource(store, fields);
              if (!added) return false;
              setSourceId(added);
            }
            setForm(null);
            return true;
          }}
        />
      )}
    </aside>
  );
}
