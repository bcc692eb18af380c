import { useStore as useFlowStore, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useClashmap, useClashmapStore } from '../store/StoreContext';
import { motionMs } from './motion';
import { steering } from './steering';

/** The panels that lie over the canvas (the source panel sits beside it and shrinks it). */
const OVERLAYS = '.cm-inspector, .cm-steps-panel, .cm-scoreboard';
/** Room kept between the card and whatever edge or panel would have covered it. */
const MARGIN = 24;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The part of the canvas a card can be seen in: the canvas less the panels over it that share
 * the card's rows (a panel on the right cuts from the right, one on the left from the left).
 */
export function freeBand(canvas: Box, overlays: readonly Box[], card: Box): Box {
  let { left, right } = canvas;
  for (const panel of overlays) {
    if (panel.bottom <= card.top || panel.top >= card.bottom) continue;
    if (panel.right <= left || panel.left >= right) continue;
    const middle = (panel.left + panel.right) / 2;
    if (middle > (canvas.left + canvas.right) / 2) right = Math.min(right, panel.left);
    else left = Math.max(left, panel.right);
  }
  return { left, right, top: canvas.top, bottom: canvas.bottom };
}

/**
 * A side panel never hides the selected card: when one card is selected and it is covered (by
 * the inspector, the steps or the scoreboard, or cut off by a narrower canvas), the view pans
 * just enough to show it. It reacts to the selection, the canvas's size and panels opening;
 * never to the user's own panning.
 */
export function KeepSelectionInView() {
  const store = useClashmapStore();
  const flowStore = useStoreApi();
  const { setViewport, getNode } = useReactFlow();
  const selected = useClashmap((s) =>
    s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : null,
  );
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const [panels, setPanels] = useState(0);
  // The view never slides under a hand that holds a card: with a pointer down (the press that
  // selects a card may start a drag), the check waits for its release.
  const held = useRef(false);
  const waiting = useRef(false);
  const [released, setReleased] = useState(0);
  useEffect(() => {
    const down = () => {
      held.current = true;
    };
    const up = () => {
      held.current = false;
      if (waiting.current) {
        waiting.current = false;
        setReleased((n) => n + 1);
      }
    };
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
    };
  }, []);

  // Panels opening or closing (the steps editor, the scoreboard) re-run the check.
  useEffect(() => {
    const workspace = document.querySelector('.cm-workspace');
    if (!workspace) return;
    const observer = new MutationObserver(() => setPanels((n) => n + 1));
    observer.observe(workspace, { childList: true });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    // While that card stays selected, its place is the one it was sent to.
    if (selected !== null && steering.to === selected) return;
    steering.to = null;
    if (!selected || !width || !height) return;
    if (held.current) {
      waiting.current = true;
      return;
    }
    if (store.getState().editingNodeId !== null && store.getState().editingNodeId !== selected)
      return;
    const node = getNode(selected);
    const canvas = flowStore.getState().domNode?.getBoundingClientRect();
    if (!node || !canvas) return;
    const [tx, ty, zoom] = flowStore.getState().transform;
    const w = (node.measured?.width ?? 280) * zoom;
    const h = (node.measured?.height ?? 100) * zoom;
    const card = {
      left: canvas.left + tx + node.position.x * zoom,
      top: canvas.top + ty + node.position.y * zoom,
      right: 0,
      bottom: 0,
    };
    card.right = card.left + w;
    card.bottom = card.top + h;
    const overlays = [...document.querySelectorAll(OVERLAYS)].map((el) =>
      el.getBoundingClientRect(),
    );
    const band = freeBand(canvas, overlays, card);
    if (band.right - band.left < w / 2) return; // no room to show it anyway (a phone)
    let dx = 0;
    let dy = 0;
    if (card.right > band.right - MARGIN) dx = band.right - MARGIN - card.right;
    if (card.left + dx < band.left + MARGIN) dx = band.left + MARGIN - card.left;
    if (card.bottom > band.bottom - MARGIN) dy = band.bottom - MARGIN - card.bottom;
    if (card.top + dy < band.top + MARGIN) dy = band.top + MARGIN - card.top;
    if (dx === 0 && dy === 0) return;
    void setViewport({ x: tx + dx, y: ty + dy, zoom }, { duration: motionMs(200) });
  }, [selected, width, height, panels, released, store, flowStore, getNode, setViewport]);

  return null;
}
