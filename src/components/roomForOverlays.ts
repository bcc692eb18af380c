/**
 * True where the window has room for the legend and the overview map to start open without
 * covering cards (a 1440×900 screen and up). On a 1366×768 laptop or a phone they start folded.
 */
export const roomForOverlays = (): boolean =>
  window.matchMedia?.('(min-width: 1400px) and (min-height: 800px)').matches ?? true;
