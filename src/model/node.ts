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

export const NODE_KINDS = ['position', 'claim', 'argument'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** `"position", "claim" or "argument"`: every node kind, quoted, for error messages. */
export function nodeKindList(): string {
  const quoted = NODE_KINDS.map((kind) => `"${kind}"`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

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

/**
 * An argument: the inference that joins its premises (the claims with a `premise` edge to it)
 * to its conclusion (the node its one `concludes` edge points at). Premises of one argument
 * hold up the conclusion only together (linked); separate arguments for one conclusion are
 * convergent. An undercut attacks the argument, not a claim. Its text names it (an Argdown
 * title, an AIF inference's text); `scheme` is the argument scheme it follows, if named.
 */
export const argumentNodeSchema = z.strictObject({
  ...nodeFields,
  kind: z.literal('argument'),
  scheme: z.optional(proseSchema(LIMITS.schemeLength, { allowEmpty: false })),
});

export const mapNodeSchema = z.discriminatedUnion(
  'kind',
  [positionNodeSchema, claimNodeSchema, argumentNodeSchema],
  { error: `kind must be ${nodeKindList()}` },
);

/** A stance the debate is about. */
export type PositionNode = z.infer<typeof positionNodeSchema>;
/** A reason offered for or against another node. */
export type ClaimNode = z.infer<typeof claimNodeSchema>;
/** An inference from premises to a conclusion (see argumentNodeSchema). */
export type InferenceNode = z.infer<typeof argumentNodeSchema>;
export type MapNode = PositionNode | ClaimNode | InferenceNode;

export const isPosition = (node: MapNode): node is PositionNode => node.kind === 'position';
export const isClaim = (node: MapNode): node is ClaimNode => node.kind === 'claim';
export const isArgument = (node: MapNode): node is InferenceNode => node.kind === 'argument';
