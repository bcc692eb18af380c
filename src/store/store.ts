import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import { layoutMap } from '../layout/layoutMap';
import type { Size } from '../layout/nodeSize';
import { emptyMap, type ClashMap } from '../model/map';
import type { Point } from '../model/node';
import {
  toFlowEdges,
  toFlowNodes,
  type ArgumentFlowEdge,
  type ArgumentFlowNode,
} from './flowAdapter';

export interface DocumentSlice {
  /** The map as it would be saved. */
  map: ClashMap;
}

export interface SessionSlice {
  fileName: string | null;
  /** Where auto-laid-out nodes sit; never saved. */
  autoPositions: Record<string, Point>;
  /** True until the canvas has measured the nodes and the layout has been redone with real sizes. */
  layoutPending: boolean;
  flowNodes: ArgumentFlowNode[];
  flowEdges: ArgumentFlowEdge[];
}

export interface Actions {
  openMap: (map: ClashMap, fileName: string | null) => void;
  applyNodeChanges: (changes: NodeChange<ArgumentFlowNode>[]) => void;
  /** Lays out the unplaced nodes again with the sizes the canvas measured. */
  relayoutWithSizes: (sizes: ReadonlyMap<string, Size>) => void;
}

export type ClashmapState = DocumentSlice & SessionSlice & Actions;

function unplacedLayout(map: ClashMap, sizes?: ReadonlyMap<string, Size>): Record<string, Point> {
  if (map.nodes.every((n) => n.position)) return {};
  return layoutMap(map, sizes ? { sizeOf: (id) => sizes.get(id) } : {});
}

/** Builds a store; the app uses one, tests make their own. */
export function createClashmapStore(initial: ClashMap = emptyMap()) {
  return create<ClashmapState>()((set, get) => {
    const autoPositions = unplacedLayout(initial);
    return {
      map: initial,
      fileName: null,
      autoPositions,
      layoutPending: initial.nodes.length > 0,
      flowNodes: toFlowNodes(initial, autoPositions, []),
      flowEdges: toFlowEdges(initial),

      openMap: (map, fileName) => {
        const positions = unplacedLayout(map);
        set({
          map,
          fileName,
          autoPositions: positions,
          layoutPending: map.nodes.some((n) => !n.position),
          flowNodes: toFlowNodes(map, positions, []),
          flowEdges: toFlowEdges(map),
        });
      },

      applyNodeChanges: (changes) => {
        set({ flowNodes: applyNodeChanges(changes, get().flowNodes) });
      },

      relayoutWithSizes: (sizes) => {
        const { map, flowNodes } = get();
        const positions = unplacedLayout(map, sizes);
        set({
          autoPositions: positions,
          layoutPending: false,
          flowNodes: toFlowNodes(map, positions, flowNodes),
        });
      },
    };
  });
}

export type ClashmapStore = ReturnType<typeof createClashmapStore>;
