import { exportMapSvg } from '../../../src/io/svgExport';
import { layoutMap } from '../../../src/layout/layoutMap';
import { estimateNodeSize } from '../../../src/layout/nodeSize';
import type { ClashMap } from '../../../src/model/map';

/** Half an em per character, as the SVG export tests measure text without a canvas. */
const measure = (text: string, font: string) =>
  text.length * Number(/([\d.]+)px/.exec(font)?.[1] ?? '15') * 0.5;

/** The SVG the app's own exporter makes of `map`, laid out the way auto-layout would. */
export function exportedSvg(map: ClashMap): string {
  const positions = layoutMap(map);
  const boxes = new Map(
    map.nodes.map((node) => [node.id, { ...positions.get(node.id)!, ...estimateNodeSize(node) }]),
  );
  return exportMapSvg(map, { boxes, measure });
}
