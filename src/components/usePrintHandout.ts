import { useReactFlow, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useClashmapStore } from '../store/StoreContext';
import type { HandoutPage } from './handoutPages';
import { loadPrintParts } from './printParts';

/**
 * The map's box on a printed A4 page (see the print rules in styles.css), in CSS px: the page
 * turns to portrait for a map taller than wide, so the map prints as large as it can. Used when
 * the browser's own Print menu prints the page, with no handout pages made for it.
 */
const PRINT_CANVAS = {
  landscape: { width: 1030, height: 600 },
  portrait: { width: 700, height: 930 },
  padding: 16,
};

export interface PrintHandout {
  /** True while the page prints: the handout's outline is rendered. */
  printing: boolean;
  /** The handout's map pages, one position per page, while the handout prints. */
  pages: HandoutPage[] | null;
  /** Makes the handout's pages, then opens the browser's Print dialog. */
  print: () => Promise<void>;
}

/**
 * Printing the handout: the map one position per page, at 8 pt or more, then the outline.
 * The browser's own Print menu, which gives no time to make pages, prints the whole map framed
 * on one page instead. Afterwards the view is put back.
 */
export function usePrintHandout(): PrintHandout {
  const [printing, setPrinting] = useState(false);
  const [pages, setPages] = useState<HandoutPage[] | null>(null);
  const hasPages = useRef(false);
  const flow = useReactFlow();
  const store = useClashmapStore();

  useEffect(() => {
    let saved: Viewport | null = null;
    const before = () => {
      if (saved) return;
      flushSync(() => setPrinting(true));
      saved = flow.getViewport();
      if (hasPages.current) return;
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
      delete document.documentElement.dataset.handout;
      void flow.setViewport(saved);
      saved = null;
      hasPages.current = false;
      setPages(null);
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

  const print = useCallback(async () => {
    // Making pages loads with the first handout, not with the app.
    const [{ exportMapSvg }, { handoutPages }, { canvasBoxes, textMeasure }] = await Promise.all([
      import('../io/svgExport'),
      import('./handoutPages'),
      import('./imageExport'),
      loadPrintParts(),
    ]);
    const made = handoutPages(
      store.getState().mapToSave(),
      canvasBoxes(store),
      exportMapSvg,
      textMeasure(),
    );
    hasPages.current = true;
    document.documentElement.dataset.handout = '';
    flushSync(() => {
      setPages(made);
      setPrinting(true);
    });
    // Every page's drawing is ready before the browser lays the pages out.
    await Promise.all(
      [...document.querySelectorAll<HTMLImageElement>('.cm-handout img')].map((img) =>
        img.decode().catch(() => undefined),
      ),
    );
    window.print();
  }, [store]);

  return { printing, pages, print };
}
