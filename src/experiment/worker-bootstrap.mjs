// Worker entry when dibsim runs from its TypeScript sources (tests, tsx): tsx's loader hooks do not reach
// worker threads on Node 20, so register them here, inside the worker, before importing the real entry.
// Compiled builds use worker-entry.js directly and never load this file.
import { register } from 'tsx/esm/api';

register();
const entry = await import('./worker-entry.ts');

export default entry.default;
