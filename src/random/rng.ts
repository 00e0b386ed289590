/**
 * The uniform random source that every random function in dibsim takes as a parameter.
 *
 * @module
 */

/**
 * A source of uniform random numbers in [0, 1).
 *
 * Anything in dibsim that needs randomness takes an `Rng` parameter instead of reaching for a global
 * source, so a run is reproducible from its seed. The streams from {@link createStreams} return doubles
 * with full 53-bit resolution (and never exactly 0); any other `() => number` that returns values in
 * [0, 1) also works, e.g. a recorded sequence in a test. The values are not checked, for speed: one
 * outside [0, 1) or NaN gives a wrong draw. Samplers that reject draws (normal, lognormal, gamma, beta,
 * PERT, Poisson, binomial) draw until one is accepted, so a source that repeats one value (`() => 0.5`)
 * can keep them drawing for ever: a test stub must vary, as a recorded sequence does.
 *
 * @example
 * const rng: Rng = createStreams(42).stream('demand:PL');
 * const u = rng(); // 0 <= u < 1
 */
export type Rng = () => number;

/**
 * A function that returns one draw from a probability distribution per call.
 *
 * Built from an {@link Rng} by the distribution functions (e.g. {@link exponential}); it consumes
 * uniforms from that `Rng` only when called and keeps no random state of its own, so saving and
 * restoring the stream (see {@link Streams.restore}) also resumes every sampler built on it.
 *
 * @example
 * const interArrivalDays: Sampler = exponential(streams.stream('arrivals'), { mean: 2.5 });
 */
export type Sampler = () => number;
