import { z } from './zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { EDGE_KINDS, edgeKindList } from './relations/registry';
import { proseSchema } from './text';

// The kinds themselves live in the relation-kind registry (src/model/relations/).
export { EDGE_KINDS, type EdgeKind } from './relations/registry';

export const edgeSchema = z.strictObject({
  id: idSchema,
  from: idSchema,
  to: idSchema,
  kind: z.enum(EDGE_KINDS, { error: `must be ${edgeKindList()}` }),
  note: z.optional(proseSchema(LIMITS.edgeNoteLength)),
});

/** `from` supports or rebuts `to`. */
export type Edge = z.infer<typeof edgeSchema>;
