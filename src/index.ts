/**
 * dibsim: discrete-event simulation of the defence industrial base.
 *
 * The public API, grouped by layer: errors; random numbers and statistics (the leaves); the
 * simulation kernel.
 *
 * @packageDocumentation
 */

// Errors
export { DibsimError, type DibsimErrorCode, type DibsimErrorOptions } from './errors.js';
// Kernel
export {
  Container,
  type ContainerOptions,
  ContainerRequest,
  type ContainerStats,
} from './kernel/container.js';
export {
  Event,
  type EventCallback,
  NORMAL_PRIORITY,
  type TriggerOptions,
  URGENT_PRIORITY,
} from './kernel/event.js';
export {
  Interrupt,
  Process,
  type ProcessGenerator,
  type ProcessOptions,
  type ProcessSource,
} from './kernel/process.js';
export {
  Preempted,
  Request,
  type RequestOptions,
  type RequestStatus,
  Resource,
  type ResourceOptions,
  type ResourceStats,
} from './kernel/resource.js';
export {
  type EventObserver,
  type RunOptions,
  type ScheduledCallback,
  Simulation,
  type SimulationOptions,
} from './kernel/simulation.js';
export {
  type ItemFilter,
  PriorityStore,
  type PriorityStoreOptions,
  Store,
  StoreGet,
  type StoreOptions,
  StorePut,
  type StoreStats,
} from './kernel/store.js';
// Random numbers
export {
  type BetaParameters,
  beta,
  type ExponentialParameters,
  exponential,
  type GammaParameters,
  gamma,
  type UniformParameters,
  uniform,
  type WeibullParameters,
  weibull,
} from './random/continuous.js';
export {
  type BernoulliParameters,
  type BinomialParameters,
  bernoulli,
  binomial,
  type DiscreteParameters,
  discrete,
  type EmpiricalParameters,
  empirical,
  type PoissonParameters,
  poisson,
} from './random/discrete.js';
export {
  type LognormalMeanSdParameters,
  type LognormalParameters,
  lognormal,
  lognormalFromMeanSd,
  lognormalParameters,
  type NormalParameters,
  normal,
} from './random/normal.js';
export type { Rng, Sampler } from './random/rng.js';
export {
  type ConstantParameters,
  createSampler,
  type DistributionKind,
  type DistributionSpec,
  distributionTypes,
} from './random/spec.js';
export {
  createStreams,
  type RandomStream,
  type StreamState,
  type Streams,
  type StreamsOptions,
} from './random/streams.js';
export { pert, type ThreePointParameters, triangular } from './random/triangular.js';
// Statistics
export { ExactSum } from './stats/exact-sum.js';
export { normalQuantile, studentTCdf, studentTQuantile } from './stats/student-t.js';
export { Tally, type TallyJSON } from './stats/tally.js';
export { TimeWeighted, type TimeWeightedJSON, type TimeWeightedOptions } from './stats/time-weighted.js';
