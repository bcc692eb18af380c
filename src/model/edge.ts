import { z } from 'zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { proseSchema } from './text';

export const EDGE_KINDS = ['support', 'rebuttal'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export const edgeSchema = z.strictObject({
  id: idSchema,
  from: idSchema,
  to: idSchema,
  kind: z.enum(EDGE_KINDS, { error: 'must be "support" or "rebuttal"' }),
  note: proseSchema(LIMITS.edgeNoteLength).optional(),
});

/** `from` supports or rebuts `to`. */
export type Edge = z.infer<typeof edgeSchema>;

export const isRebuttal = (edge: Edge): boolean => edge.kind === 'rebuttal';
export const isSupport = (edge: Edge): boolean => edge.kind === 'support';
