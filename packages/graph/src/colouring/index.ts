// Public exports of this topic; re-exported by src/index.ts.
export { greedyColouring } from './greedy-colouring.js';
export type { Colouring, GreedyColouringOptions, GreedyColouringStrategy } from './greedy-colouring.js';
export { dsaturColouring } from './dsatur-colouring.js';
export { isProperColouring } from './is-proper-colouring.js';
export { colourClasses } from './colour-classes.js';
export type { ColourClasses } from './colour-classes.js';
