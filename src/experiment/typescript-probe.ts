/**
 * A TypeScript file that a worker thread of the compiled build imports to learn whether a TypeScript
 * loader already runs in it (tsx from `--import` where Node passes it on, or Node's own type stripping):
 * importing a strategy module to find out would leave its failure cached. Shipped in the package's `src`.
 *
 * @internal
 * @module
 */

/** Whether this file loaded as TypeScript (always true once it does). */
export const loaded: boolean = true;
