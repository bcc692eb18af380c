import { z } from './zod';
import { edgeSchema, type Edge } from './edge';
import { idSchema } from './ids';
import { presentationSchema, type Presentation } from './presentation';
import { LIMITS } from './limits';
import { mapNodeSchema, type MapNode } from './node';
import { sourceSchema, type Source } from './source';
import { roundSchema, type Round } from './round';
import { proseSchema } from './text';

export const MAP_FORMAT = 'clashmap';
/** The format version this build writes; files with a higher one are refused. */
export const CURRENT_VERSION = 5;
export const MAP_FILE_EXTENSION = '.clashmap.json';
export const MAP_MIME_TYPE = 'application/vnd.clashmap+json';

export const assumptionSchema = z.strictObject({
  node: idSchema,
  value: z.enum(['stands', 'falls'], { error: 'must be "stands" or "falls"' }),
});

/** A what-if: take this node as standing (a concession) or falling (a strike), whatever the rule says. */
export type MapAssumption = z.infer<typeof assumptionSchema>;

export const mapSchema = z.strictObject({
  format: z.literal(MAP_FORMAT),
  version: z.literal(CURRENT_VERSION),
  title: proseSchema(LIMITS.titleLength, { allowEmpty: false }),
  description: z.optional(proseSchema(LIMITS.descriptionLength)),
  sources: z
    .array(sourceSchema)
    .check(z.maxLength(LIMITS.sources, { error: `has more than ${LIMITS.sources} sources` })),
  nodes: z.array(mapNodeSchema).check(
    z.maxLength(LIMITS.nodes, {
      error: `has more than ${LIMITS.nodes.toLocaleString('en-US')} nodes`,
    }),
  ),
  edges: z.array(edgeSchema).check(
    z.maxLength(LIMITS.edges, {
      error: `has more than ${LIMITS.edges.toLocaleString('en-US')} edges`,
    }),
  ),
  presentation: z.optional(presentationSchema),
  round: z.optional(roundSchema),
  assumptions: z.optional(
    z
      .array(assumptionSchema)
      .check(z.maxLength(LIMITS.nodes, { error: 'has more assumptions than a map has nodes' })),
  ),
});

/** A whole argument map, exactly as its file holds it. */
export interface ClashMap {
  format: typeof MAP_FORMAT;
  version: typeof CURRENT_VERSION;
  title: string;
  description?: string | undefined;
  sources: Source[];
  nodes: MapNode[];
  edges: Edge[];
  /** The teacher's presentation steps (absent: steps are derived from the map). */
  presentation?: Presentation | undefined;
  /** The debate round the map was flowed from: its format and its teams (src/model/round.ts). */
  round?: Round | undefined;
  /** What-if assumptions, written only when the user chose to keep them with the map. */
  assumptions?: MapAssumption[] | undefined;
}

// Keep the hand-written interface and the schema in step.
type Assert<T extends true> = T;
export type _SchemaMatchesInterface = Assert<
  z.infer<typeof mapSchema> extends ClashMap
    ? ClashMap extends z.infer<typeof mapSchema>
      ? true
      : false
    : false
>;

/** A map with nothing in it yet. */
export function emptyMap(title = 'Untitled map'): ClashMap {
  return { format: MAP_FORMAT, version: CURRENT_VERSION, title, sources: [], nodes: [], edges: [] };
}
