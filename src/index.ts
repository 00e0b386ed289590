/**
 * dibsim: discrete-event simulation of the defence industrial base.
 *
 * The public API, grouped by layer: errors; random numbers and statistics (the leaves); the
 * simulation kernel; the defence-industrial-base model; procurement strategies; scenario files.
 *
 * @packageDocumentation
 */

// Errors
export {
  DibsimError,
  type DibsimErrorCode,
  type DibsimErrorOptions,
  ModelError,
  ReplicationError,
  type ReplicationFailureContext,
  ScenarioError,
  type ScenarioIssue,
  type StrategyModuleReference,
} from './errors.js';
// Experiments
export { canonicalJson, contentHash } from './experiment/canonical.js';
export { type DesignPoint, gridDesign, latinHypercube } from './experiment/designs.js';
export type { ExperimentProgress } from './experiment/fold-results.js';
export {
  KaplanMeier,
  type KaplanMeierStep,
  type MedianEstimate,
  type MedianOptions,
  type ProportionInterval,
  type WilsonOptions,
  wilsonInterval,
} from './experiment/kaplan-meier.js';
export {
  applyLevers,
  type Lever,
  type LeveredInputs,
  type LeverRange,
  leverName,
} from './experiment/levers.js';
export {
  EXPERIMENT_SCHEMA_VERSION,
  type ExperimentManifest,
  type ShardSpec,
} from './experiment/manifest.js';
export { QuantileSketch } from './experiment/quantile-sketch.js';
export {
  type RecordLayout,
  type ReplicationRecord,
  RUN_KPI_KEYS,
  type RunKpiKey,
  recordLayout,
  recordValues,
  type SeriesInterval,
} from './experiment/record.js';
export { replay } from './experiment/replay.js';
export type {
  CensoredSummary,
  Comparison,
  Comparisons,
  ExperimentResult,
  KpiMap,
  KpiSummary,
  MedianDates,
  PairedKpi,
  Quantiles,
  ReplicationFailure,
  SeriesSummary,
  StrategySummary,
} from './experiment/results.js';
export {
  type AbortSignalLike,
  type ExperimentOptions,
  runExperiment,
} from './experiment/run-experiment.js';
export { type MergeShardsOptions, mergeShards } from './experiment/shards.js';
export type {
  AbsoluteHalfWidth,
  HalfWidthTarget,
  RelativeHalfWidth,
  StopWhen,
} from './experiment/stopping.js';
export type {
  StrategyDescriptor,
  StrategyFactory,
  StrategyModule,
  StrategySpec,
} from './experiment/strategy-spec.js';
export {
  type GridSweepDesign,
  type LatinHypercubeSweepDesign,
  runSweep,
  type SweepBaseOptions,
  type SweepDesign,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
  type TornadoBar,
  type TornadoOptions,
  type TornadoResult,
  type TornadoSeries,
  tornado,
} from './experiment/sweep.js';
export { createWorkerPool, type WorkerPool } from './experiment/worker-pool.js';
// Scenario files
export { parseScenario, readScenarioFile } from './io/scenario-file.js';
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
// Model
export { defineScenario, gap, sourced, yearlySteps } from './model/builders.js';
export { CommonDemand } from './model/common-demand.js';
export {
  Contract,
  type ContractPurpose,
  type ContractStatus,
  DAYS_PER_MONTH,
  type PayerShare,
  type PledgePurpose,
  type StockPurpose,
} from './model/contract.js';
export { dateOf, dayOf, monthStarts, yearStarts } from './model/dates.js';
export {
  Firm,
  type FirmInvestmentParams,
  type FirmParams,
  type InvestmentAppraisal,
  type Line,
  rampShare,
  wrightUnitCost,
} from './model/firm.js';
export type { DrawnParam } from './model/params.js';
export {
  type DailyContext,
  deliveryMonths,
  type FirmInputView,
  type FirmView,
  type NationView,
  type Need,
  type OrderPlaced,
  type OrderRequest,
  type OrderResult,
  type OrderTerms,
  type OrderUnaffordable,
  type PooledStockView,
  type ProcurementContext,
  type ProcurementStrategy,
  type StockpileView,
  type TransferRequest,
} from './model/procurement.js';
export type {
  Censored,
  FirmSeries,
  NationKpis,
  NationSeries,
  PledgeKpis,
  RecipientSeries,
  RunKpis,
  RunResult,
} from './model/results.js';
export { runScenario } from './model/run-scenario.js';
export type {
  ComponentInput,
  ComponentSpec,
  Confidence,
  ConsumptionSpec,
  DemandShockSpec,
  DonorShare,
  ExportLicenceSpec,
  ExpressionProfile,
  FirmSpec,
  InputSource,
  InvestmentSpec,
  ItemSpec,
  LineSpec,
  Membership,
  NationSpec,
  OutageSpec,
  Param,
  PledgeSpec,
  PointsProfile,
  ProcurementSpec,
  Profile,
  ProfilePoint,
  ProfileStep,
  RecipientSpec,
  RecipientStock,
  RoundInput,
  Scenario,
  Sourced,
  StepProfile,
  StockpileSpec,
  SupplierSpec,
} from './model/scenario.js';
export { scenarioJsonSchema } from './model/scenario-json-schema.js';
export { eu1mBacktest } from './model/scenarios/eu-1m-backtest.js';
export { europe155mm } from './model/scenarios/europe-155mm.js';
export { validateScenario } from './model/validate.js';
export { type RunScenarioOptions, World } from './model/world.js';
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
// io & reports: charts, report, output folder
export { chartSpecs } from './report/charts.js';
export { writeReportFolder } from './report/folder.js';
export { reportHtml } from './report/html.js';
export { resultsToJson } from './report/json.js';
export { type PngOptions, renderSvg, svgToPng } from './report/render.js';
export { gapLevers, type SourcedParameter, sourcedParameters } from './report/sources.js';
export { reportTables, tableToCsv } from './report/tables.js';
export type {
  ChartSpec,
  JsonObject,
  JsonValue,
  RenderedChart,
  ReportFiles,
  ReportInput,
  Table,
  TableCell,
} from './report/types.js';
// Statistics
export { type BatchMeansOptions, type BatchMeansResult, batchMeans } from './stats/batch-means.js';
export {
  type ConfidenceInterval,
  type ConfidenceOptions,
  confidenceInterval,
  type SampleSummary,
} from './stats/confidence.js';
export { ExactSum } from './stats/exact-sum.js';
export { Histogram, type HistogramJSON, type HistogramOptions } from './stats/histogram.js';
export { normalQuantile, studentTCdf, studentTQuantile } from './stats/student-t.js';
export { Tally, type TallyJSON } from './stats/tally.js';
export { TimeWeighted, type TimeWeightedJSON, type TimeWeightedOptions } from './stats/time-weighted.js';
// Strategies
export { allocateCapped, nonEuInputShare } from './strategies/allocation.js';
export {
  type AgreementSpec,
  agreementSchedule,
  type BilateralParams,
  createBilateral,
  type ResolvedBilateralParams,
  resolveBilateralParams,
  type ScheduledAgreement,
  sellerStandard,
} from './strategies/bilateral.js';
export {
  bestForeignFirm,
  createNationalOnly,
  nationalOnly,
  type OrderPart,
  orderFrom,
  orderNationally,
  splitByCapacity,
} from './strategies/national.js';
export {
  type AllocationRule,
  createPooled,
  eligibleForPool,
  type PooledParams,
  poolMembers,
  type ResolvedPooledParams,
  type ResolvedThirdStateParams,
  resolvePooledParams,
  type ThirdStateParams,
} from './strategies/pooled.js';
export {
  type MemberStock,
  PooledStockKeeper,
  type PooledStockParams,
  pooledOrderParts,
  type ResolvedPooledStockParams,
  type TopUpRequest,
} from './strategies/pooled-stock.js';
export {
  builtinStrategies,
  createSwitch,
  type LoadStrategyOptions,
  loadStrategy,
  type StrategyRef,
  type SwitchParams,
} from './strategies/registry.js';
export { switchAt } from './strategies/switch.js';
