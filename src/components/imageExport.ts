import { downloadText, suggestFileName } from '../io/fileAccess';
import { MAP_FILE_EXTENSION } from '../model/map';
import type { ClashmapStore } from '../store/store';

/** Where the canvas draws each card (its top-left corner and measured size), by node id. */
export function canvasBoxes(store: ClashmapStore) {
  return new Map(
    store.flowNodes().map((n) => [
      n.id,
      {
        x: n.position.x,
        y: n.position.y,
        width: n.measured?.width ?? 280,
        height: n.measured?.height ?? 120,
      },
    ]),
  );
}

/** Measures text as the page's fonts draw it, for the SVG exporter. */
export function textMeasure(): (text: string, font: string) => number {
  const context = document.createElement('canvas').getContext('2d')!;
  return (text, font) => {
    context.font = font;
    return context.measureText(text).width;
  };
}

/** The map (or the selected nodes) as SVG text, drawn where the canvas draws them. */
export async function mapSvg(store: ClashmapStore, selectionOnly: boolean): Promise<string> {
  const { exportMapSvg } = await import('../io/svgExport');
  const { selectedNodeIds } = store.getState();
  return exportMapSvg(store.getState().mapToSave(), {
    boxes: canvasBoxes(store),
    ...(selectionOnly ? { nodeIds: new Set(selectedNodeIds) } : {}),
    measure: textMeasure(),
  });
}

/** Rasterises SVG text to a PNG at least 1920 px wide (sharp on a projector or a slide). */
async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const scale = Math.min(4, Math.max(2, 1920 / image.naturalWidth));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not make a PNG'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Exports the map as an SVG or PNG download, with its title and legend. */
export function makeImageExporter(store: ClashmapStore) {
  return async (kind: 'svg' | 'png', selectionOnly: boolean): Promise<void> => {
    const svg = await mapSvg(store, selectionOnly);
    const base = suggestFileName(store.getState().map.title).replace(MAP_FILE_EXTENSION, '');
    const suffix = selectionOnly ? '-selection' : '';
    if (kind === 'svg') downloadText(svg, `${base}${suffix}.svg`, 'image/svg+xml');
    else downloadText(await svgToPng(svg), `${base}${suffix}.png`, 'image/png');
  };
}
