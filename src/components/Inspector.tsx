import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { anchorQuote, isChecked, quoteMismatch } from '../model/evidence';
import { readQuoteDraft, writeQuoteDraft } from './quoteDraft';
import type { Evidence } from '../model/evidence';
import { focusWhenDrawn } from './canvasFocus';
import { LIMITS } from '../model/limits';
import { urlProblem } from '../model/source';
import { NODE_KINDS, type InferenceNode, type MapNode } from '../model/node';
import {
  CANVAS_EDGE_KINDS,
  EDGE_KINDS,
  endpointsAllowed,
  relationKind,
} from '../model/relations/registry';
import { describeArgument, nodeOf } from '../model/arguments';
import { KNOWN_SCHEMES } from '../model/argumentOps';
import { useClashmap, useClashmapStore } from '../store/StoreContext';
import { addCitedQuote, addQuote, reanchorQuote } from '../store/sourceEdits';
import { NodeEvaluation } from './evaluation/Scoreboard';
import { pasteWithinLimit } from './nodes/NodeTextEditor';

interface FieldProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
  /** The most UTF-16 code units the field holds; a longer paste is cut, with a notice. */
  limit?: { max: number; what: string };
}

/** A text field whose edit is committed once, on leaving it or pressing Enter: one undo step. */
function CommitField({ label, value, onCommit, multiline, placeholder, limit }: FieldProps) {
  const store = useClashmapStore();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const id = useId();
  if (seen !== value) {
    // The value changed underneath (undo, another edit): show it.
    setSeen(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    placeholder,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    maxLength: limit?.max,
    onPaste: (event: React.ClipboardEvent<HTMLTextAreaElement | HTMLInputElement>) => {
      const cut = limit && pasteWithinLimit(event, limit.max, limit.what);
      if (!cut) return;
      setDraft(cut.value);
      store.getState().notify('error', cut.notice);
    },
    onBlur: commit,
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === 'Enter' && !event.shiftKey && !(multiline && event.altKey)) {
        event.preventDefault();
        commit();
      } else if (event.key === 'Escape') {
        setDraft(value);
      }
    },
  };
  return (
    <div className="cm-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="cm-inspector__section" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function EvidenceEditor({
  node,
  evidence,
  index,
}: {
  node: MapNode;
  evidence: Evidence;
  index: number;
}) {
  const store = useClashmapStore();
  const sources = useClashmap((s) => s.map.sources);
  const [problem, setProblem] = useState<string | null>(null);
  const replace = (next: Evidence | null) => {
    const list = node.evidence.slice();
    if (next) list[index] = next;
    else list.splice(index, 1);
    store.getState().updateNode(node.id, { evidence: list });
  };
  const source = sources.find((s) => s.id === evidence.sourceId);
  const mismatch = source ? quoteMismatch(evidence, source) : 'its source is missing';
  // An edited quote is re-anchored where the source has it; otherwise it is kept as typed
  // (nothing the user wrote is lost) and flagged until the quote or the source is fixed.
  const commitQuote = (typed: string) => {
    const quote = typed.trim();
    if (!quote) return setProblem('A quote cannot be empty; remove it instead.');
    const at = anchorQuote(source?.text ?? '', quote, evidence.start);
    setProblem(null);
    replace({ ...evidence, quote, ...(at ?? {}) });
  };
  const n = index + 1;
  return (
    <li className="cm-evidence-editor">
      <CommitField label={`Quote ${n}`} value={evidence.quote} multiline onCommit={commitQuote} />
      {problem && (
        <p className="cm-field-error" role="alert">
          {problem}
        </p>
      )}
      {mismatch && (
        <div className="cm-quote-flag" role="note">
          <p>
            <span aria-hidden="true">⚠ </span>Quote {n} {mismatch}.
          </p>
          <button type="button" onClick={() => reanchorQuote(store, node.id, index)}>
            Re-anchor quote {n}
          </button>
        </div>
      )}
      <CommitField
        label={`Speaker of quote ${n}`}
        value={evidence.speaker}
        onCommit={(speaker) => speaker.trim() && replace({ ...evidence, speaker: speaker.trim() })}
      />
      {isChecked(evidence) ? (
        <p className="cm-muted">
          From {source?.title ?? evidence.sourceId}, characters {evidence.start}–{evidence.end}
        </p>
      ) : (
        <div className="cm-quote-flag cm-quote-flag--unchecked" role="note">
          <p>
            From {source?.title ?? evidence.sourceId}. Not checked against a text:{' '}
            {source?.text
              ? 'the source has its text now.'
              : 'add the source’s text (Source panel) to check it.'}
          </p>
          {source?.text && (
            <button type="button" onClick={() => reanchorQuote(store, node.id, index)}>
              Check quote {n} against the text
            </button>
          )}
        </div>
      )}
      <button type="button" className="cm-link-button" onClick={() => replace(null)}>
        Remove quote {n}
      </button>
    </li>
  );
}

/** The choice in the source list that asks for a source not in the map yet (its citation). */
const NEW_SOURCE = '';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Adds a quote to a node: from a source in the map (verbatim, where its text is at hand), or
 * from a new source given by its citation alone, when the full text is not at hand. A quote
 * whose source has no text is kept as not checked against a text until the text is added.
 */
function AddQuote({ node }: { node: MapNode }) {
  const store = useClashmapStore();
  const sources = useClashmap((s) => s.map.sources);
  // What was being typed here before (this tab or one closed since) comes back.
  const [draft] = useState(() => readQuoteDraft(node.id));
  const [sourceId, setSourceId] = useState(
    draft && (draft.sourceId === NEW_SOURCE || sources.some((s) => s.id === draft.sourceId))
      ? draft.sourceId
      : (sources[0]?.id ?? NEW_SOURCE),
  );
  const [quote, setQuote] = useState(draft?.quote ?? '');
  const [speaker, setSpeaker] = useState(draft?.speaker ?? '');
  const [cite, setCite] = useState(
    draft?.cite ?? { title: '', author: '', url: '', published: '' },
  );
  useEffect(
    () => writeQuoteDraft(node.id, { sourceId, quote, speaker, cite }),
    [node.id, sourceId, quote, speaker, cite],
  );
  const [problem, setProblem] = useState<string | null>(null);
  const ids = {
    source: useId(),
    quote: useId(),
    speaker: useId(),
    title: useId(),
    author: useId(),
    url: useId(),
    published: useId(),
  };
  const source = sources.find((s) => s.id === sourceId);
  const add = () => {
    const words = quote.trim();
    const who = speaker.trim();
    if (!words) return setProblem('Type or paste the quote.');
    if (!who) return setProblem('Say who says it: a speaker is required.');
    if (!source) {
      const title = cite.title.trim();
      const url = cite.url.trim();
      const published = cite.published.trim();
      if (!title) return setProblem('Give the source a title (the article, report or book).');
      const badUrl = url ? urlProblem(url) : null;
      if (badUrl) return setProblem(`The URL ${badUrl}.`);
      if (published && !DATE.test(published))
        return setProblem('Write the date as YYYY, YYYY-MM or YYYY-MM-DD.');
      const citation = {
        title,
        ...(cite.author.trim() ? { author: cite.author.trim() } : {}),
        ...(url ? { url } : {}),
        ...(published ? { published } : {}),
      };
      if (!addCitedQuote(store, node.id, citation, { quote: words, speaker: who })) return;
      setCite({ title: '', author: '', url: '', published: '' });
    } else {
      const at = source.text !== undefined ? anchorQuote(source.text, words) : null;
      if (source.text !== undefined && !at)
        return setProblem('That text is not in the source. Paste a verbatim passage.');
      // The same checked path as the source panel's quotes; a refused quote stays in the form.
      const added = addQuote(store, node.id, {
        sourceId: source.id,
        quote: words,
        ...(at ?? {}),
        speaker: who,
      });
      if (!added) return;
    }
    setProblem(null);
    setQuote('');
  };
  const citeField = (key: keyof typeof cite, label: string, placeholder?: string) => (
    <div className="cm-field">
      <label htmlFor={ids[key]}>{label}</label>
      <input
        id={ids[key]}
        type={key === 'url' ? 'url' : 'text'}
        value={cite[key]}
        placeholder={placeholder}
        onChange={(e) => setCite({ ...cite, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <div className="cm-add-quote">
      <div className="cm-field">
        <label htmlFor={ids.source}>Source</label>
        <select id={ids.source} value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
              {s.text ? '' : ' (no text: citation only)'}
            </option>
          ))}
          <option value={NEW_SOURCE}>A new source, by its citation…</option>
        </select>
      </div>
      {!source && (
        <fieldset className="cm-citation">
          <legend>Citation of the new source</legend>
          {citeField('title', 'Title')}
          {citeField('author', 'Author')}
          {citeField('url', 'URL', 'https://…')}
          {citeField('published', 'Date', 'YYYY-MM-DD')}
        </fieldset>
      )}
      <p className="cm-muted">
        {source?.text
          ? 'Paste the words exactly as the source has them: the quote is checked against its text.'
          : 'Without the source’s text, the quote is kept as not checked against a text; adding the text checks it.'}
      </p>
      <div className="cm-field">
        <label htmlFor={ids.quote}>New quote</label>
        <textarea
          id={ids.quote}
          rows={2}
          value={quote}
          onChange={(e) => setQuote(e.target.value)}
        />
      </div>
      <div className="cm-field">
        <label htmlFor={ids.speaker}>Speaker</label>
        <input
          id={ids.speaker}
          type="text"
          value={speaker}
          onChange={(e) => setSpeaker(e.target.value)}
        />
      </div>
      {problem && (
        <p className="cm-field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" onClick={add}>
        Add quote
      </button>
    </div>
  );
}

/**
 * How many nodes the "Connect this node to" list offers at once. A larger map gets a search
 * field that narrows the list: a list of every node was 5,000 elements on a 5,000-node map,
 * laid out each time a card was selected (150 ms) and drawn again after every edit.
 */
export const CONNECT_LIST_MAX = 50;

const shortText = (n: MapNode) =>
  `${n.kind === 'position' ? 'Position: ' : ''}${n.text.length > 70 ? `${n.text.slice(0, 67)}…` : n.text}`;

function ConnectFromKeyboard({ node }: { node: MapNode }) {
  const store = useClashmapStore();
  const nodes = useClashmap((s) => s.map.nodes);
  const [target, setTarget] = useState('');
  const [query, setQuery] = useState('');
  const id = useId();
  const findId = useId();
  const words = query.trim().toLowerCase();
  // One pass, keeping only the first CONNECT_LIST_MAX: a large map's nodes are not copied on
  // every change of the map (an auto-layout moves them all).
  const { others, matching, shown } = useMemo(() => {
    const list: MapNode[] = [];
    let othersCount = 0;
    let matchingCount = 0;
    for (const n of nodes) {
      if (n.id === node.id) continue;
      othersCount++;
      if (words && !n.text.toLowerCase().includes(words)) continue;
      matchingCount++;
      if (list.length < CONNECT_LIST_MAX) list.push(n);
    }
    return { others: othersCount, matching: matchingCount, shown: list };
  }, [nodes, node.id, words]);
  if (others === 0) return null;
  const many = others > CONNECT_LIST_MAX;
  const chosen = shown.some((n) => n.id === target) ? target : shown[0]?.id;
  const count = (n: number) => `${n.toLocaleString('en-US')} node${n === 1 ? '' : 's'}`;
  return (
    <div className="cm-connect">
      {many && (
        <div className="cm-field">
          <label htmlFor={findId}>Find the node to connect to</label>
          <input
            id={findId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <p className="cm-muted" aria-live="polite">
            {matching === 0
              ? `No node’s text contains “${query.trim()}”.`
              : matching > shown.length
                ? `The first ${shown.length} of ${count(matching)}: type words from the one you want.`
                : `${count(matching)} found.`}
          </p>
        </div>
      )}
      {chosen !== undefined && (
        <>
          <div className="cm-field">
            <label htmlFor={id}>Connect this node to</label>
            <select id={id} value={chosen} onChange={(e) => setTarget(e.target.value)}>
              {shown.map((n) => (
                <option key={n.id} value={n.id}>
                  {shortText(n)}
                </option>
              ))}
            </select>
          </div>
          <div className="cm-row">
            {CANVAS_EDGE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                onClick={() => {
                  // The inspector now shows the new relation: focus goes to its kind, not the page.
                  if (store.getState().connect(node.id, chosen, kind))
                    focusWhenDrawn('.cm-inspector input[type="radio"]:checked');
                }}
              >
                {`It ${relationKind(kind).names.verb} that`}
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function NodeInspector({ node }: { node: MapNode }) {
  const store = useClashmapStore();
  const kindId = useId();
  const update = (patch: Partial<Omit<MapNode, 'id'>>) =>
    store.getState().updateNode(node.id, patch);
  return (
    <>
      <CommitField
        key={`${node.id}-text`}
        label="Text"
        value={node.text}
        multiline
        limit={{ max: LIMITS.nodeTextLength, what: "a node's text" }}
        onCommit={(text) =>
          text.trim()
            ? update({ text: text.trim() })
            : store.getState().notify('error', 'A node needs some text.')
        }
      />
      <div className="cm-field">
        <label htmlFor={kindId}>Kind</label>
        <select
          id={kindId}
          value={node.kind}
          onChange={(e) => update({ kind: e.target.value as MapNode['kind'] })}
        >
          {NODE_KINDS.filter((kind) => kind !== 'argument').map((kind) => (
            <option key={kind} value={kind}>
              {kind === 'position' ? 'Position' : 'Claim'}
            </option>
          ))}
        </select>
      </div>
      <NodeEvaluation id={node.id} />
      <Section title="Quotes">
        <ul className="cm-plain-list">
          {node.evidence.map((evidence, i) => (
            <EvidenceEditor key={evidence.id} node={node} evidence={evidence} index={i} />
          ))}
        </ul>
        <AddQuote key={node.id} node={node} />
      </Section>
      <CommitField
        key={`${node.id}-tags`}
        label="Tags (comma-separated)"
        value={(node.tags ?? []).join(', ')}
        onCommit={(value) => {
          const tags = [
            ...new Set(
              value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ];
          update({ tags });
        }}
      />
      <CommitField
        key={`${node.id}-notes`}
        label="Notes"
        value={node.notes ?? ''}
        multiline
        onCommit={(notes) => update({ notes })}
      />
      <Section title="Connections">
        <ConnectFromKeyboard key={node.id} node={node} />
      </Section>
    </>
  );
}

/**
 * An argument: what it joins (in words), its name and scheme, whether it stands, and the edits
 * only an argument has: undercut it, or separate its premises into plain supports.
 */
function ArgumentInspector({ node }: { node: InferenceNode }) {
  const store = useClashmapStore();
  const described = useClashmap((s) => describeArgument(s.map, node.id));
  const schemesId = useId();
  const update = (patch: Partial<Omit<InferenceNode, 'id'>>) =>
    store.getState().updateNode(node.id, patch as Partial<Omit<MapNode, 'id'>>);
  return (
    <>
      <p>{described}</p>
      <CommitField
        key={`${node.id}-name`}
        label="Name"
        value={node.text}
        limit={{ max: LIMITS.nodeTextLength, what: "an argument's name" }}
        onCommit={(text) =>
          text.trim()
            ? update({ text: text.trim() })
            : store.getState().notify('error', 'An argument needs a name.')
        }
      />
      <SchemeField key={`${node.id}-scheme`} node={node} listId={schemesId} />
      <datalist id={schemesId}>
        {KNOWN_SCHEMES.map((scheme) => (
          <option key={scheme} value={scheme} />
        ))}
      </datalist>
      <NodeEvaluation id={node.id} />
      <div className="cm-inspector__actions">
        <button type="button" onClick={() => store.getState().undercutSelection()}>
          Undercut this argument
        </button>
        <button type="button" onClick={() => store.getState().separatePremises(node.id)}>
          Separate into plain supports
        </button>
      </div>
      <CommitField
        key={`${node.id}-notes`}
        label="Notes"
        value={node.notes ?? ''}
        multiline
        onCommit={(notes) => update({ notes })}
      />
    </>
  );
}

/** The argument's scheme: one of the common schemes (offered as you type) or any other text. */
function SchemeField({ node, listId }: { node: InferenceNode; listId: string }) {
  const store = useClashmapStore();
  const id = useId();
  const [draft, setDraft] = useState(node.scheme ?? '');
  const [seen, setSeen] = useState(node.scheme);
  if (seen !== node.scheme) {
    setSeen(node.scheme);
    setDraft(node.scheme ?? '');
  }
  const commit = () => {
    const scheme = draft.trim().slice(0, LIMITS.schemeLength);
    if (scheme === (node.scheme ?? '')) return;
    const patch: Partial<Omit<InferenceNode, 'id'>> = {
      scheme: scheme === '' ? undefined : scheme,
    };
    store.getState().updateNode(node.id, patch as Partial<Omit<MapNode, 'id'>>);
  };
  return (
    <div className="cm-field">
      <label htmlFor={id}>Scheme</label>
      <input
        id={id}
        type="text"
        list={listId}
        value={draft}
        maxLength={LIMITS.schemeLength}
        placeholder="e.g. Argument From Expert Opinion"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') setDraft(node.scheme ?? '');
        }}
      />
    </div>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const store = useClashmapStore();
  const edge = useClashmap((s) => s.map.edges.find((e) => e.id === edgeId));
  const fromNode = useClashmap((s) => s.map.nodes.find((n) => n.id === edge?.from));
  const toNode = useClashmap((s) => s.map.nodes.find((n) => n.id === edge?.to));
  const from = fromNode?.kind === 'argument' ? 'the argument' : fromNode?.text;
  const to = toNode?.kind === 'argument' ? 'the argument' : toNode?.text;
  const name = useId();
  if (!edge) return null;
  // Only the kinds that may join these two nodes are offered.
  const kinds = EDGE_KINDS.filter(
    (kind) => !fromNode || !toNode || endpointsAllowed(kind, fromNode.kind, toNode.kind),
  );
  const undercuttable =
    edge.kind === 'support' || edge.kind === 'premise' || edge.kind === 'concludes';
  return (
    <>
      <p>
        <q>{from}</q> {relationKind(edge.kind).names.verb} <q>{to}</q>
      </p>
      {undercuttable && (
        <button type="button" onClick={() => store.getState().undercutSelection()}>
          Undercut: it does not follow
        </button>
      )}
      <fieldset className="cm-field">
        <legend>Kind</legend>
        {kinds.map((kind) => (
          <label key={kind} className="cm-radio">
            <input
              type="radio"
              name={name}
              checked={edge.kind === kind}
              onChange={() => store.getState().updateEdge(edge.id, { kind })}
            />
            {relationKind(kind).names.label}
          </label>
        ))}
      </fieldset>
      <CommitField
        key={`${edge.id}-note`}
        label="Note"
        value={edge.note ?? ''}
        multiline
        onCommit={(note) => store.getState().updateEdge(edge.id, { note })}
      />
      <button type="button" onClick={() => store.getState().deleteElements([], [edge.id])}>
        Delete connection
      </button>
    </>
  );
}

/** Edits whatever is selected: a node, a connection, or several at once. Hidden when nothing is. */
export function Inspector({ onSupportTogether }: { onSupportTogether?: () => void }) {
  const nodeIds = useClashmap((s) => s.selectedNodeIds);
  const edgeIds = useClashmap((s) => s.selectedEdgeIds);
  const node = useClashmap((s) =>
    s.selectedNodeIds.length === 1 ? nodeOf(s.map, s.selectedNodeIds[0]!) : undefined,
  );
  const store = useClashmapStore();
  const total = nodeIds.length + edgeIds.length;
  if (total === 0) return null;
  let heading: string;
  let body: ReactNode;
  if (node?.kind === 'argument' && edgeIds.length === 0) {
    heading = node.scheme ? `Argument: ${node.scheme}` : 'Argument';
    body = <ArgumentInspector key={node.id} node={node} />;
  } else if (node && edgeIds.length === 0) {
    heading = node.kind === 'position' ? 'Position' : 'Claim';
    body = <NodeInspector key={node.id} node={node} />;
  } else if (total === 1 && edgeIds.length === 1) {
    heading = 'Connection';
    body = <EdgeInspector key={edgeIds[0]} edgeId={edgeIds[0]!} />;
  } else {
    heading = `${total} selected`;
    body = (
      <div className="cm-inspector__actions">
        {onSupportTogether && nodeIds.length >= 2 && edgeIds.length === 0 && (
          <button type="button" onClick={onSupportTogether}>
            Support together
          </button>
        )}
        {nodeIds.length === 2 && edgeIds.length === 0 && (
          <button type="button" onClick={() => store.getState().markContraries()}>
            Mark as contraries
          </button>
        )}
        <button type="button" onClick={() => store.getState().deleteSelection()}>
          Delete {total} selected
        </button>
      </div>
    );
  }
  return (
    <aside className="cm-inspector" aria-label="Inspector">
      <h2 className="cm-inspector__title">{heading}</h2>
      {body}
    </aside>
  );
}
