/** Above this many nodes the canvas draws only what is in view (and reads as an outline). */
export const LARGE_MAP_NODES = 200;

/**
 * Below this zoom a card's text is under 6 px high, too small to read: on a large map the
 * canvas then draws each card as its coloured box alone, and each relation without its badge.
 */
export const FAR_ZOOM = 0.4;
