import { presenterAction, timerAction } from '../../app/keyTable';
import { formatOfMap, holdsRound } from '../../model/round';
import { RoundTimers } from './RoundTimers';
import { useTimerStore } from './timerStore';
import { ReactFlowProvider, useReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PresentationStep } from '../../model/presentation';
import { selectFlowEdges, selectFlowNodes } from '../../store/canvasProjection';
import { useClashmap } from '../../store/StoreContext';
import { ArgumentEdge, EdgeMarkers } from '../edges/ArgumentEdge';
import { RoutedFlow } from '../edges/edgeRoutes';
import { ArgumentNode } from '../nodes/ArgumentNode';
import { ReadOnlyContext } from '../readOnly';
import { PRESENT_BANDS, PRESENT_MARGIN, PRESENT_ZOOM, useSteps } from './useSteps';
import { motionMs } from '../motion';

const nodeTypes: NodeTypes = { position: ArgumentNode, claim: ArgumentNode };
const edgeTypes: EdgeTypes = { argument: ArgumentEdge };

export type PresentTheme = 'light' | 'dark';

interface Props {
  startAt?: number;
  onExit: () => void;
  /** Told each step shown (a teacher presenting to the class passes it on). */
  onStep?: ((index: number) => void) | undefined;
}

/**
 * The notes window's look. It is given as a constructed stylesheet: the page's content security
 * policy forbids inline styles, and the window may be opened with no network.
 */
const NOTES_CSS = `
body { font: 20px/1.5 system-ui, sans-serif; margin: 1.5rem; background: #111; color: #f5f5f5; }
.counter, .next { color: #aaa; margin: 0; }
.next { margin-top: 1em; }
h1 { font-size: 1.4em; margin: 0.3em 0; }
.note { white-space: pre-wrap; }
.keys { color: #888; font-size: 0.8em; margin-top: 2em; }
`;

/** Renders the presenter's notes into a second window, as text. */
function writeNotes(
  win: Window,
  step: PresentationStep | undefined,
  index: number,
  total: number,
  nextTitle?: string,
) {
  const doc = win.document;
  doc.title = 'Clashmap presenter notes';
  if (doc.adoptedStyleSheets.length === 0) {
    const sheet = new (win as Window & typeof globalThis).CSSStyleSheet();
    sheet.replaceSync(NOTES_CSS);
    doc.adoptedStyleSheets = [sheet];
  }
  const make = (tag: string, text: string, className = '') => {
    const el = doc.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    return el;
  };
  doc.body.replaceChildren(
    make('p', `Step ${index + 1} of ${total}`, 'counter'),
    make('h1', step?.title ?? ''),
    make('p', step?.note?.trim() ? step.note : 'No note for this step.', 'note'),
    make('p', nextTitle ? `Next: ${nextTitle}` : 'Last step.', 'next'),
    make('p', 'Keys here drive the slides: → Space PageDown next, ← PageUp back, B blank.', 'keys'),
  );
}

function PresentFlow({ steps, index }: { steps: PresentationStep[]; index: number }) {
  const flowNodes = useClashmap(selectFlowNodes);
  const flowEdges = useClashmap(selectFlowEdges);
  const { setViewport } = useReactFlow();
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight });

  const { visible, current } = useMemo(() => {
    const shown = new Set<string>();
    steps.slice(0, index + 1).forEach((step) => step.nodes.forEach((id) => shown.add(id)));
    return { visible: shown, current: new Set(steps[index]?.nodes ?? []) };
  }, [steps, index]);

  // Later steps are hidden (their edges with them); the current step's nodes are marked.
  const nodes = useMemo(
    () =>
      flowNodes.map((n) => ({
        ...n,
        selected: false,
        hidden: !visible.has(n.id),
        className: current.has(n.id) ? 'is-current' : 'is-past',
      })),
    [flowNodes, visible, current],
  );
  const edges = useMemo(() => flowEdges.map((e) => ({ ...e, selected: false })), [flowEdges]);

  // The stage is the screen less the bands above and below it (controls, caption).
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // What the step's nodes answer, already shown: framed with them, so a reply is seen beside
  // the claim it answers.
  const framed = useMemo(() => {
    const ids = new Set(current);
    for (const edge of flowEdges)
      if (current.has(edge.source) && visible.has(edge.target)) ids.add(edge.target);
    return ids;
  }, [current, visible, flowEdges]);

  // Frame the current step with what it answers: fit them, but never below the readable zoom.
  // When both do not fit at a readable size, the step's own nodes are framed.
  useEffect(() => {
    const frameOf = (ids: ReadonlySet<string>) => {
      const boxes = flowNodes.filter((n) => ids.has(n.id));
      if (boxes.length === 0) return null;
      const minX = Math.min(...boxes.map((n) => n.position.x));
      const minY = Math.min(...boxes.map((n) => n.position.y));
      const maxX = Math.max(...boxes.map((n) => n.position.x + (n.measured?.width ?? 280)));
      const maxY = Math.max(...boxes.map((n) => n.position.y + (n.measured?.height ?? 120)));
      const widthFit = (size.width - 2 * PRESENT_MARGIN.x) / (maxX - minX);
      const fit = Math.min(widthFit, (size.height - 2 * PRESENT_MARGIN.y) / (maxY - minY));
      return { fit, widthFit, cx: (minX + maxX) / 2, cy: (minY + maxY) / 2 };
    };
    const withAnswered = frameOf(framed);
    const frame =
      withAnswered && withAnswered.fit >= PRESENT_ZOOM ? withAnswered : frameOf(current);
    if (!frame) return;
    // Never wider than the screen: on a phone the readable zoom would cut the cards' sides off,
    // so there the step's cards are fitted to the width instead.
    const zoom = Math.min(2.2, Math.max(PRESENT_ZOOM, frame.fit), frame.widthFit);
    void setViewport(
      { x: size.width / 2 - frame.cx * zoom, y: size.height / 2 - frame.cy * zoom, zoom },
      { duration: motionMs(700) },
    );
  }, [framed, current, flowNodes, size, setViewport]);

  return (
    <div ref={box} className="cm-present__stage">
      <RoutedFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        panOnScroll={false}
        deleteKeyCode={null}
        minZoom={0.05}
        maxZoom={4}
        proOptions={{ hideAttribution: false }}
        attributionPosition="bottom-right"
      ></RoutedFlow>
    </div>
  );
}

/**
 * Presentation mode: the map on a plain background, revealed step by step, driven by the keys a
 * clicker sends. Escape leaves.
 */
export function Presenter({ startAt = 0, onExit, onStep }: Props) {
  const steps = useSteps({
    width: window.innerWidth,
    height: window.innerHeight - PRESENT_BANDS,
  });
  const [index, setIndex] = useState(() => Math.min(startAt, Math.max(0, steps.length - 1)));
  const [blank, setBlank] = useState(false);
  const [theme, setTheme] = useState<PresentTheme>('light');
  const [typed, setTyped] = useState('');
  const notes = useRef<Window | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const total = steps.length;
  const step = steps[index];
  const map = useClashmap((s) => s.map);
  const round = holdsRound(map);
  const actOnTimers = useTimerStore((s) => s.act);

  const go = useCallback((to: number) => setIndex(Math.max(0, Math.min(total - 1, to))), [total]);
  // A new place to start from while presenting (the teacher moved on): go there.
  const [started, setStarted] = useState(startAt);
  if (started !== startAt) {
    setStarted(startAt);
    setIndex(Math.max(0, Math.min(total - 1, startAt)));
  }
  useEffect(() => onStep?.(index), [index, onStep]);

  // Full screen where the browser allows it; leaving full screen leaves the presentation.
  useEffect(() => {
    const element = document.documentElement;
    let entered = false;
    element
      .requestFullscreen?.()
      .then(() => {
        entered = true;
      })
      .catch(() => undefined);
    const onChange = () => {
      if (entered && !document.fullscreenElement) onExit();
    };
    document.addEventListener('fullscreenchange', onChange);
    root.current?.focus();
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [onExit]);

  const onKeyRef = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key;
      let handled = true;
      // A round's clocks run by their own keys (TIMER_KEYS), as in the flow view.
      const timer = timerAction({ key, mod: false, alt: false });
      if (round && timer) {
        actOnTimers(timer, formatOfMap(map));
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      if (/^[0-9]$/.test(key)) setTyped((t) => (t + key).slice(-4));
      else if (key === 'Enter' && typed) {
        go(Number(typed) - 1);
        setTyped('');
      } else {
        setTyped('');
        // The keys come from the table the help shows (app/keyTable.ts).
        const action = presenterAction(key);
        if (action === 'next') go(index + 1);
        else if (action === 'previous') go(index - 1);
        else if (action === 'first') go(0);
        else if (action === 'last') go(total - 1);
        else if (action === 'blank') setBlank((b) => !b);
        else if (action === 'theme') setTheme((t) => (t === 'light' ? 'dark' : 'light'));
        else if (action === 'leave') onExit();
        else handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    onKeyRef.current = onKey;
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, index, total, typed, onExit, round, actOnTimers, map]);

  useEffect(() => {
    const win = notes.current;
    if (win && !win.closed) writeNotes(win, step, index, total, steps[index + 1]?.title);
  }, [step, index, total, steps]);

  useEffect(() => () => notes.current?.close(), []);

  const openNotes = () => {
    const win = window.open('', 'clashmap-presenter-notes', 'popup,width=640,height=480');
    if (!win) return;
    // The same keys drive the slides from the notes window (a second screen, a clicker).
    if (notes.current !== win)
      win.addEventListener('keydown', (event) => onKeyRef.current(event), true);
    notes.current = win;
    writeNotes(win, step, index, total, steps[index + 1]?.title);
  };

  return (
    <div
      ref={root}
      className="cm-present"
      data-theme={theme}
      role="dialog"
      aria-modal="true"
      aria-label="Presentation"
      tabIndex={-1}
    >
      <EdgeMarkers forPresentation />
      <div className="cm-present__top">
        <div
          className="cm-present__progress"
          role="progressbar"
          aria-label="Presentation progress"
          aria-valuemin={1}
          aria-valuemax={Math.max(total, 1)}
          aria-valuenow={index + 1}
        >
          <div style={{ width: `${total ? ((index + 1) / total) * 100 : 0}%` }} />
        </div>
        <div className="cm-present__controls" role="toolbar" aria-label="Presentation controls">
          <button
            type="button"
            aria-label="Previous step"
            onClick={() => go(index - 1)}
            disabled={index === 0}
          >
            ‹
          </button>
          <button
            type="button"
            aria-label="Next step"
            onClick={() => go(index + 1)}
            disabled={index >= total - 1}
          >
            ›
          </button>
          <button
            type="button"
            aria-pressed={theme === 'dark'}
            onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}
          >
            Dark theme
          </button>
          {round && <RoundTimers format={formatOfMap(map)} />}
          <button type="button" onClick={openNotes}>
            Presenter notes
          </button>
          <button type="button" onClick={onExit}>
            Exit presentation
          </button>
        </div>
      </div>
      <ReadOnlyContext.Provider value={true}>
        <ReactFlowProvider>
          <PresentFlow steps={steps} index={index} />
        </ReactFlowProvider>
      </ReadOnlyContext.Provider>
      {/* The caption has a band of its own below the map, so it never covers a card. */}
      <div className="cm-present__counter" role="status" aria-live="polite">
        {typed ? `Go to step ${typed}…` : `Step ${total ? index + 1 : 0} of ${total}`}
        {step?.title ? ` · ${step.title}` : ''}
      </div>
      {blank && (
        <div
          className="cm-present__blank"
          role="img"
          aria-label="Screen blanked (press B to show the map)"
        />
      )}
    </div>
  );
}
