import { useMemo } from 'react';
import type { PresentationStep } from '../../model/presentation';
import { presentationSteps } from '../../model/presentationSteps';
import { selectFlowNodes } from '../../store/canvasProjection';
import { useClashmap } from '../../store/StoreContext';

/** Node text must be at least this many screen pixels when presented (claim text is 15 px). */
export const PRESENT_ZOOM = 24 / 15;
/** Room the presentation keeps free around a step's nodes, in pixels. */
export const PRESENT_MARGIN = { x: 80, y: 48 };
/** The height of the bands above and below the map (controls, caption), about. */
export const PRESENT_BANDS = 100;

/**
 * The steps to present: the teacher's own, or ones derived from the map, cut so that each step
 * fits the screen at a readable zoom.
 */
export function useSteps(screen: { width: number; height: number }): PresentationStep[] {
  const map = useClashmap((s) => s.map);
  const flowNodes = useClashmap(selectFlowNodes);
  return useMemo(() => {
    const boxes = new Map(
      flowNodes.map((n) => [
        n.id,
        { ...n.position, width: n.measured?.width ?? 280, height: n.measured?.height ?? 120 },
      ]),
    );
    return presentationSteps(map, {
      boxOf: (id) => boxes.get(id),
      frame: {
        width: (screen.width - 2 * PRESENT_MARGIN.x) / PRESENT_ZOOM,
        height: (screen.height - 2 * PRESENT_MARGIN.y) / PRESENT_ZOOM,
      },
    });
    // Positions matter, measured sizes only as they settle: flowNodes covers both.
  }, [map, flowNodes, screen.width, screen.height]);
}
