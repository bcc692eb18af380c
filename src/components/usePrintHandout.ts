import { useReactFlow, type Viewport } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useClashmapStore } from '../store/StoreContext';

/**
 * The map's box on a printed A4 page (see the print rules in styles.css), in CSS px: the page
 * turns to portrait for a map taller than wide, so the map prints as large as it can.
 */
const PRINT_CANVAS = {
  landscape: { width: 1030, height: 600 },
  portrait: { width: 700, height: 930 },
  padding: 16,
};

/**
 * While the page prints: the handout's outline is rendered, and the canvas is framed to show the
 * whole map in its printed box; afterwards the view is put back.
 */
export function usePrintHandout(): boolean {
  const [printing, setPrinting] = useState(false);
  const flow = useReactFlow();
  const store = useClashmapStore();

  useEffect(() => {
    let saved: Viewport | null = null;
    const before = () => {
      if (saved) return;
      flushSync(() => setPrinting(true));
      saved = flow.getViewport();
      const nodes = store.flowNodes();
      if (nodes.length === 0) return;
      const minX = Math.min(...nodes.map((n) => n.position.x));
      const minY = Math.min(...nodes.map((n) => n.position.y));
      const maxX = Math.max(...nodes.map((n) => n.position.x + (n.measured?.width ?? 280)));
      const maxY = Math.max(...nodes.map((n) => n.position.y + (n.measured?.height ?? 120)));
      const orientation = maxY - minY > maxX - minX ? 'portrait' : 'landscape';
      document.documentElement.dataset.printOrientation = orientation;
      const { width, height } = PRINT_CANVAS[orientation];
      const { padding } = PRINT_CANVAS;
      const zoom = Math.min(
        1,
        (width - 2 * padding) / (maxX - minX),
        (height - 2 * padding) / (maxY - minY),
      );
      void flow.setViewport({
        x: (width - (maxX - minX) * zoom) / 2 - minX * zoom,
        y: padding - minY * zoom,
        zoom,
      });
    };
    const after = () => {
      if (!saved) return;
      delete document.documentElement.dataset.printOrientation;
      void flow.setViewport(saved);
      saved = null;
      setPrinting(false);
    };
    const media = window.matchMedia('print');
    const onMedia = (event: MediaQueryListEvent) => (event.matches ? before() : after());
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media.addEventListener('change', onMedia);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media.removeEventListener('change', onMedia);
    };
  }, [flow, store]);
  return printing;
}
