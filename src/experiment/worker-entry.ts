/**
 * Entry module of a worker thread: kept thin, since coverage tools do not see inside workers. The logic
 * lives in `replicate.ts` and is tested in the main thread too.
 *
 * @module
 */
import { createWorkerHandler } from './replicate.js';

export default createWorkerHandler();
