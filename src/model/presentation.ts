import { z } from './zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { proseSchema } from './text';
export const presentationStepSchema = z.strictObject({
  id: idSchema,
  title: z.optional(proseSchema(LIMITS.titleLength)),
  nodes: z
    .array(idSchema)
    .check(z.minLength(1, { error: 'a step shows at least one node' }), z.maxLength(LIMITS.nodes)),
  note: z.optional(proseSchema(LIMITS.notesLength)),
});

/** One step of a presentation: the nodes it reveals, and the presenter's note for it. */
export type PresentationStep = z.infer<typeof presentationStepSchema>;

export const presentationSchema = z.strictObject({
  steps: z
    .array(presentationStepSchema)
    .check(z.maxLength(LIMITS.nodes, { error: 'has more steps than a map has nodes' })),
});

/** The teacher's own order of steps, kept in the map file. */
export type Presentation = z.infer<typeof presentationSchema>;

// The steps a presentation shows when the teacher has set none are worked out in
// presentationSteps.ts, which only the presenter and its steps panel load: the schemas here are
// part of every map's check at start-up, those steps are not.
