// d3-interpolate as React Flow's view transitions use it, for @xyflow/system and d3-transition
// in the app's build (see vite.config.ts). React Flow animates only the view: d3-zoom moves it
// with interpolateZoom (or, with React Flow's `interpolate: 'linear'` option, with the generic
// interpolate over the views, which are [x, y, width] arrays of numbers). d3-transition's
// attribute and style tweens, which read colours, strings and CSS or SVG transforms, are never
// used: those interpolators are here only because d3-transition imports them by name.

export { interpolateNumber, interpolateZoom } from 'd3-interpolate';

/**
 * d3's generic interpolate for what d3-zoom gives it, two views ([x, y, width]): each number
 * goes from a to b as d3-interpolate's interpolateNumber does.
 */
export function interpolate(a: readonly number[], b: readonly number[]): (t: number) => number[] {
  return (t) =>
    b.map((to, i) => {
      const from = a[i]!;
      return from * (1 - t) + to * t;
    });
}

const never = (name: string) => () => {
  throw new Error(`d3-interpolate's ${name}() is left out of Clashmap's build`);
};

export const interpolateRgb = never('interpolateRgb');
export const interpolateString = never('interpolateString');
export const interpolateTransformCss = never('interpolateTransformCss');
export const interpolateTransformSvg = never('interpolateTransformSvg');
