/**
 * A card the view was just sent to on purpose (search, "Show on map"), centred with an animation
 * of its own: KeepSelectionInView then stands aside while that card stays selected, rather than
 * cut the move short. Kept apart from it, which loads after the first map.
 */
export const steering: { to: string | null } = { to: null };

/** Says that the view is being moved to show this card on purpose. */
export function steerTo(id: string): void {
  steering.to = id;
}

/**
 * Whether a pointer is pressed (a press on a card may start a drag), followed from the start:
 * KeepSelectionInView, which loads later, may arrive in the middle of a drag, and must then
 * wait for the release rather than slide the view under the hand.
 */
export const pointer: { held: boolean } = { held: false };
if (typeof document !== 'undefined') {
  const release = () => {
    pointer.held = false;
  };
  document.addEventListener(
    'pointerdown',
    () => {
      pointer.held = true;
    },
    true,
  );
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
}
