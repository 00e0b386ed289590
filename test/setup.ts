import fc from 'fast-check';

// Property tests run with a pinned seed in CI (FC_SEED) so a failure replays exactly;
// fast-check prints the seed and path of any counterexample.
const seedText = process.env.FC_SEED;
if (seedText !== undefined && seedText !== '') {
  const seed = Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer (got ${seedText}).`);
  fc.configureGlobal({ seed });
}
