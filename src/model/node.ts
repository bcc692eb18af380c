import { z } from './zod';
import { evidenceSchema } from './evidence';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { roundNodeFields, sheetField } from './round';
import { proseSchema } from './text';

const coordinateSchema = z.number().check(
  z.refine(Number.isFinite, { error: 'must be a finite number' }),
  z.refine((n: number) => Math.abs(n) <= LIMITS.coordinate, {
    error: `must be between -${LIMITS.coordinate.toLocaleString('en-US')} and ${LIMITS.coordinate.toLocaleString('en-US')}`,
  }),
);

export const pointSchema = z.strictObject({ x: coordinateSchema, y: coordinateSchema });
export type Point = z.infer<typeof pointSchema>;

export const NODE_KINDS = ['position', 'claim'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

const nodeFields = {
  id: idSchema,
  text: proseSchema(LIMITS.nodeTextLength, { allowEmpty: false }),
  evidence: z.array(evidenceSchema).check(
    z.maxLength(LIMITS.evidencePerNode, {
      error: `has more than ${LIMITS.evidencePerNode} quotes`,
    }),
  ),
  position: z.optional(pointSchema),
  tags: z.optional(
    z
      .array(proseSchema(LIMITS.tagLength, { allowEmpty: false }))
      .check(
        z.maxLength(LIMITS.tagsPerNode, { error: `has more than ${LIMITS.tagsPerNode} tags` }),
      ),
  ),
  notes: z.optional(proseSchema(LIMITS.notesLength)),
  ...roundNodeFields,
};

// A position is a sheet of the flow itself; only a claim says which sheet it is on.
export const positionNodeSchema = z.strictObject({ ...nodeFields, kind: z.literal('position') });
export const claimNodeSchema = z.strictObject({
  ...nodeFields,
  ...sheetField,
  kind: z.literal('claim'),
});

export const mapNodeSchema = z.discriminatedUnion('kind', [positionNodeSchema, claimNodeSchema], {
  error: 'kind must be "position" or "claim"',
});

/** A stance the debate is about. */
export type PositionNode = z.infer<typeof positionNodeSchema>;
/** A reason offered for or against another node. */
export type ClaimNode = z.infer<typeof claimNodeSchema>;
export type MapNode = PositionNode | ClaimNode;

export const isPosition = (node: MapNode): node is PositionNode => node.kind === 'position';
export const isClaim = (node: MapNode): node is ClaimNode => node.kind === 'claim';
