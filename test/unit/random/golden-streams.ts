/**
 * The first four draws of three streams, generated once by this code (SHA-256 of
 * ["dibsim.streams.v1", seed, replication, key] → Tyche-i) and pasted here: if a change to the derivation,
 * the generator or seedrandom alters any stream, the tests that use them fail instead of every published
 * result silently changing.
 */
export const GOLDEN_STREAMS = [
  [42, 0, 'a', [0.7706689096556157, 0.4205712494570969, 0.5435427086472724, 0.012859361126567936]],
  [
    'dibsim',
    3,
    'demand:PL',
    [0.6632693468550971, 0.11057943135571646, 0.7131275643317598, 0.37844247820086296],
  ],
  [0, 1, 'arrivals', [0.7578903680596162, 0.5023833000342511, 0.783939054547431, 0.44155024350531635]],
] as const;
