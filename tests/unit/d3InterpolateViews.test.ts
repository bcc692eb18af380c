import { interpolate as d3Interpolate, interpolateZoom as d3InterpolateZoom } from 'd3-interpolate';
import { describe, expect, it } from 'vitest';
import {
  interpolate,
  interpolateRgb,
  interpolateString,
  interpolateTransformCss,
  interpolateTransformSvg,
  interpolateZoom,
} from '../../src/vendor/d3InterpolateViews';

// The build gives React Flow and d3-transition this module for d3-interpolate (vite.config.ts).
describe('the view interpolators the build gives React Flow', () => {
  it('move a view ([x, y, width]) as d3-interpolate does', () => {
    const from = [12.5, -340, 1440];
    const to = [-800, 95.25, 310];
    const ours = interpolate(from, to);
    const d3s = d3Interpolate(from, to);
    for (const t of [0, 0.1, 1 / 3, 0.5, 0.9, 1]) expect(ours(t)).toEqual([...d3s(t)]);
  });

  it('zoom with d3-interpolate’s own interpolateZoom', () => {
    expect(interpolateZoom).toBe(d3InterpolateZoom);
  });

  it('say so if a colour, string or transform tween is ever asked for', () => {
    for (const left of [
      interpolateRgb,
      interpolateString,
      interpolateTransformCss,
      interpolateTransformSvg,
    ])
      expect(() => left()).toThrow(/left out of Clashmap's build/);
  });
});
