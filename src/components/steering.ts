/**
 * A card the view was just sent to on purpose (search, "Show on map"), centred with an animation
 * of its own: KeepSelectionInView then stands aside while that card stays selected, rather than
 * cut the move short.
 */
export const steering: { to: string | null } = { to: null };

/** Says that the view is being moved to show this card on purpose. */
export function steerTo(id: string): void {
  steering.to = id;
}
