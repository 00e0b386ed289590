/**
 * Small array helpers shared by the kernel's queues.
 *
 * @internal
 * @module
 */

/** Removes the first occurrence of `item` from `list`; returns whether it was there. @internal */
export function removeItem<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}
