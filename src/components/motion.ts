/**
 * How long a moving view (the presenter's glide to a step, the canvas keeping a card in view)
 * takes: `ms`, or none at all for a person whose system asks for reduced motion.
 */
export function motionMs(ms: number): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
    ? 0
    : ms;
}
