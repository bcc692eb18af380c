/*
 * Every loss line says whether it changes which claims stand (issue 16). Where a loss can be
 * evaluated, the importer or exporter compares the two maps (evaluationChangeNote in shared.ts);
 * where it plays no part in evaluation, or Clashmap cannot evaluate what was lost, the line ends
 * with one of these.
 */

/** A loss that plays no part in evaluation ends with these words. */
export const STANDING_UNCHANGED = 'which claims stand does not change';
/** A loss whose meaning Clashmap cannot evaluate ends with these words. */
export const STANDING_UNKNOWN = 'Clashmap cannot tell whether this changes which claims stand';
