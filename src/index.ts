/**
 * The simulation kernel: clock, calendar, events, generator processes and shared resources.
 *
 * @module
 */
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
} from './kernel/store.js';
