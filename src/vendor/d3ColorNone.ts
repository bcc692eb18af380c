// A d3-color that knows no colours, for d3-interpolate and d3-transition in the app's build
// (see vite.config.ts). Both ask `color(value)` whether a value is a CSS colour before
// interpolating it; here none is, so a colour string would be interpolated as a string. React
// Flow only ever animates the view's x, y and zoom (numbers), so nothing reaches the colour
// branches; the others are here because the modules import them by name.

/** Recognises no colour: every value is interpolated as a number or a string instead. */
export function color(): null {
  return null;
}

const never = (name: string) => () => {
  throw new Error(`d3-color's ${name}() is left out of Clashmap's build`);
};

export const rgb = never('rgb');
export const hsl = never('hsl');
export const lab = never('lab');
export const hcl = never('hcl');
export const cubehelix = never('cubehelix');
