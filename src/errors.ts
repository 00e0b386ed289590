/**
 * Error classes shared by every layer of dibsim.
 *
 * Every error thrown by dibsim is a {@link DibsimError} with a machine-readable {@link DibsimError.code}
 * and a message that names the offending value and how to fix it.
 *
 * @module
 */

/**
 * Machine-readable error codes.
 *
 * - `INVALID_ARGUMENT`: a function received a value outside its documented range (NaN, negative delay,
 *   bad distribution parameter, …).
 * - `INVALID_STATE`: an operation is not allowed in the object's current state (triggering an event twice,
 *   interrupting a finished process, stepping an empty calendar, …).
 * - `UNHANDLED_FAILURE`: an event failed and nothing handled the failure, so the run stopped.
 * - `INTERRUPTED`: thrown into a process by `Process.interrupt` (class `Interrupt`).
 * - `INVALID_SCENARIO`: scenario data failed validation ({@link ScenarioError}, with every issue).
 * - `MODEL_INVARIANT`: a model invariant broke during a run ({@link ModelError}).
 * - `REPLICATION_FAILED`: one replication of an experiment threw ({@link ReplicationError}, with what replays it).
 */
export type DibsimErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'UNHANDLED_FAILURE'
  | 'INTERRUPTED'
  | 'INVALID_SCENARIO'
  | 'MODEL_INVARIANT'
  | 'REPLICATION_FAILED';

/** Options accepted by the {@link DibsimError} constructor. */
export interface DibsimErrorOptions {
  /** The error that caused this one, kept as the standard `cause` property. */
  readonly cause?: unknown;
}

/**
 * Base class of every error dibsim throws.
 *
 * @example
 * try { sim.timeout(-1); } catch (e) { if (e instanceof DibsimError) console.log(e.code); }
 */
export class DibsimError extends Error {
  /** Machine-readable category of the error. */
  readonly code: DibsimErrorCode;

  /**
   * @param code - category of the error
   * @param message - what is wrong, the offending value, and how to fix it
   * @param options - optional `cause`
   */
  constructor(code: DibsimErrorCode, message: string, options?: DibsimErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem found in scenario data: where, what is wrong, and how to fix it. */
export interface ScenarioIssue {
  /** Path to the field, e.g. `firms[2].lines[0].nameplateRoundsPerMonth`. */
  readonly path: string;
  /** What is wrong, with the offending value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * One issue as a line of text: `path: message. Fix: fix` (the message's own end punctuation kept).
 * @internal
 */
export function describeIssue(issue: ScenarioIssue): string {
  const end = /[.?!]$/.test(issue.message) ? '' : '.';
  return `${issue.path}: ${issue.message}${end}${issue.fix === '' ? '' : ` Fix: ${issue.fix}`}`;
}

/**
 * Scenario data failed validation. Every issue is collected before this is thrown, so one run of
 * validation lists them all; nothing has run.
 *
 * @example
 * try { validateScenario(data); } catch (e) { if (e instanceof ScenarioError) for (const i of e.issues) console.log(i.path, i.message, i.fix); }
 */
export class ScenarioError extends DibsimError {
  /** Every problem found, in document order. */
  readonly issues: readonly ScenarioIssue[];
  /** What was validated, e.g. a file name or `pooled strategy params`: the start of the message. */
  readonly source: string;

  /**
   * @param issues - the problems found (at least one)
   * @param source - what was validated, e.g. a file name, for the message
   */
  constructor(issues: readonly ScenarioIssue[], source = 'scenario') {
    const lines = issues.map((i) => `  - ${describeIssue(i)}`);
    super(
      'INVALID_SCENARIO',
      `${source} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
    this.issues = issues;
    this.source = source;
  }
}

/**
 * The issues of `error` with their paths placed under `prefix` (`among` under `after` becomes `after.among`;
 * the whole-object path `(params)` becomes `after`), for an error that reports problems of a part of
 * something larger. Anything but a {@link ScenarioError} is thrown again.
 * @internal
 */
export function issuesUnder(prefix: string, error: unknown): ScenarioIssue[] {
  if (!(error instanceof ScenarioError)) throw error;
  return error.issues.map((i) => ({ ...i, path: i.path === '(params)' ? prefix : `${prefix}.${i.path}` }));
}

/** A model invariant broke during a run (e.g. rounds not conserved): a bug or a broken custom strategy. */
export class ModelError extends DibsimError {
  /** Simulated time (days) at which the violation was detected. */
  readonly time: number;
  /** The entity concerned, e.g. `nation:DE` or `firm:nammo-raufoss`. */
  readonly entity: string;

  /**
   * @param message - what broke, with the numbers
   * @param time - simulated time in days
   * @param entity - the entity concerned
   */
  constructor(message: string, time: number, entity: string) {
    super('MODEL_INVARIANT', `${message} (entity ${entity}, day ${time})`);
    this.time = time;
    this.entity = entity;
  }
}

/** Where a failed replication ran: everything {@link ReplicationError} needs to replay it. */
export interface ReplicationFailureContext {
  /** Master seed of the experiment, as a string. */
  readonly seed: string;
  /** Replication index (0-based). */
  readonly replication: number;
  /** Name of the strategy that was running. */
  readonly strategy: string;
  /** SHA-256 (hex) of the canonical JSON of the scenario. */
  readonly scenarioHash: string;
  /** How to load that strategy again, when it was given as a module (a factory cannot be carried). */
  readonly strategyModule?: StrategyModuleReference;
  /** The results file the failure was read back from, when a resumed run found it there. */
  readonly recordedIn?: string;
}

/** A strategy given as a module, in plain data: what `replay` needs to load it again. */
export interface StrategyModuleReference {
  /** Built-in name (`'pooled'`) or module specifier. */
  readonly module: string;
  /** Named export of the module, if not the default. */
  readonly export?: string;
  /** Plain-data parameters given to the strategy. */
  readonly params?: unknown;
  /** Base URL a relative specifier was resolved against. */
  readonly baseUrl?: string;
}

/**
 * One replication of an experiment threw. Carries the seed, replication index, strategy (and how to load
 * it, for a strategy given as a module) and scenario hash, so that `replay(error, scenario)` reruns exactly
 * that run in the calling thread (`replay(error, scenario, strategies)` for a strategy given as a factory);
 * the original error is the standard `cause` (rebuilt as a plain `Error` with the same name, message and
 * stack when it was thrown in a worker thread, where classes do not survive).
 *
 * @example
 * try { await runExperiment(options); } catch (e) { if (e instanceof ReplicationError) await replay(e, scenario); }
 */
export class ReplicationError extends DibsimError {
  /** Master seed of the experiment, as a string. */
  readonly seed: string;
  /** Replication index (0-based). */
  readonly replication: number;
  /** Name of the strategy that was running. */
  readonly strategy: string;
  /** SHA-256 (hex) of the canonical JSON of the scenario. */
  readonly scenarioHash: string;
  /** How to load the strategy again, if it was given as a module; `replay(error, scenario)` uses it. */
  readonly strategyModule?: StrategyModuleReference;
  /**
   * The results file this failure was read back from: an earlier run recorded it, and a resumed run
   * (`resultsFile`) reports it again without rerunning it.
   */
  readonly recordedIn?: string;

  /**
   * @param context - seed, replication, strategy and scenario hash
   * @param cause - what the replication threw
   */
  constructor(context: ReplicationFailureContext, cause: unknown) {
    super(
      'REPLICATION_FAILED',
      `Replication ${context.replication} of strategy ${JSON.stringify(context.strategy)} failed (seed ${describeSeed(context.seed)}, scenario ${context.scenarioHash.slice(0, 12)}): ${reasonOf(cause)}. ${context.recordedIn === undefined ? '' : `An earlier run recorded this failure in ${context.recordedIn}, and resuming reads it back without rerunning it: if you have fixed its cause since, start a new results file. `}Call replay(error, scenario${context.strategyModule === undefined ? ', strategies' : ''}) to rerun it in this thread.`,
      { cause },
    );
    this.seed = context.seed;
    this.replication = context.replication;
    this.strategy = context.strategy;
    this.scenarioHash = context.scenarioHash;
    if (context.strategyModule !== undefined) this.strategyModule = context.strategyModule;
    if (context.recordedIn !== undefined) this.recordedIn = context.recordedIn;
  }
}

/** What to do about each operating-system error on a file or folder the user named. */
const FILE_FIXES: Readonly<Record<string, string>> = {
  ENOENT:
    'it does not exist (or a folder on its path is missing). Check the path, or create the folder first',
  ENOTDIR: 'part of its path is a file, not a folder. Check the path',
  EISDIR: 'it is a folder, where a file is needed. Name a file',
  EEXIST: 'it exists already. Choose another name, or remove it first',
  EACCES: 'permission denied. Choose a path you may use, or change its permissions',
  EPERM: 'operation not permitted. Choose a path you may use, or change its permissions',
  EROFS: 'the file system is read-only. Choose a path on a writable disk',
  ENOSPC: 'the disk is full. Free some space, or choose another disk',
};

/**
 * What is wrong and what to do for an operating-system error `code` (`ENOENT`, `EACCES`, …) on a path the
 * user named, as a clause without a final period (`'it does not exist (…). Check the path, …'`), or
 * `undefined` for a code without advice of its own. One table for the library's file errors and the CLI's.
 * @internal
 */
export function fileErrorFix(code: unknown): string | undefined {
  return typeof code === 'string' ? FILE_FIXES[code] : undefined;
}

/** What a thrown value says, for an error message: an `Error`'s message, else the value described. @internal */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : describeValue(thrown);
}

/**
 * What a thrown value says, as a clause for a message that goes on after it with a period of its own:
 * `Name: message` for an `Error` with its final period dropped (a wrapped DibsimError's message ends in its
 * fix sentence, and `${reasonOf(e)}. Call …` would otherwise read `..`), else the value described.
 * @internal
 */
export function reasonOf(thrown: unknown): string {
  const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeValue(thrown);
  return text.endsWith('.') && !text.endsWith('..') ? text.slice(0, -1) : text;
}

/**
 * Formats a master seed, stored as a string (`normaliseSeed`), for a message: one that a number gives
 * (9 is stored as "9", the same seed) unquoted, as the user most likely wrote it; any other quoted, so
 * that the text "NaN" or "07" is not taken for a number.
 * @internal
 */
export function describeSeed(seed: string): string {
  const number = Number(seed);
  return Number.isFinite(number) && String(number) === seed ? seed : JSON.stringify(seed);
}

/**
 * Formats a value for an error message: numbers keep their sign and NaN, strings are quoted, and a text
 * longer than 160 characters (a whole scenario passed where an option belongs) keeps its start and end
 * around `…` with its length: `{"schemaVersion":1,"name":"small",…,"transportDays":14}} (2,114 characters)`.
 */
export function describeValue(value: unknown): string {
  return shortened(fullDescription(value));
}

/** Longest description {@link describeValue} gives in full. */
const DESCRIBED_CHARACTERS = 160;
/** Characters kept from the start and from the end of a longer one. */
const HEAD = 100;
const TAIL = 40;

/** `text`, or its first {@link HEAD} and last {@link TAIL} characters around `…` and its length if it is too long. */
function shortened(text: string): string {
  if (text.length <= DESCRIBED_CHARACTERS) return text;
  // Cut between code points, never inside a surrogate pair.
  const head = /[\uD800-\uDBFF]/.test(text[HEAD - 1]!) ? HEAD - 1 : HEAD;
  const tail = /[\uDC00-\uDFFF]/.test(text[text.length - TAIL]!) ? TAIL - 1 : TAIL;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)} (${text.length.toLocaleString('en-US')} characters)`;
}

/** Marks a non-finite number inside a described object (a private-use character JSON leaves as it is). */
const NON_FINITE = '\uE000';
const NON_FINITE_QUOTED = /"\uE000(NaN|-?Infinity)"/g;

function fullDescription(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  // Objects that describe themselves (a custom toString) say it best.
  if (typeof value === 'object' && !Array.isArray(value) && value.toString !== Object.prototype.toString) {
    return String(value);
  }
  try {
    // JSON writes NaN and ±Infinity as null, which would hide the very value at fault.
    const text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${v}` : v,
    );
    return text === undefined ? String(value) : text.replace(NON_FINITE_QUOTED, '$1');
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Throws a {@link DibsimError} with code `INVALID_ARGUMENT` unless `value` is a finite number.
 *
 * @param name - the parameter's name as the user wrote it, e.g. `"delay"`
 * @param value - the value to check
 * @param fix - one sentence saying what a valid value looks like
 * @internal
 */
export function requireFinite(name: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${name} must be a finite number (got ${describeValue(value)}). ${fix}`,
    );
  }
  return value;
}

/**
 * Optimal-string-alignment edit distance (Levenshtein plus adjacent swaps), case-insensitive.
 * @internal
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = Array.from({ length: s.length + 1 }, (_, i) => {
    const row = new Array<number>(t.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[s.length]![t.length]!;
}

/**
 * The allowed key closest to `key`, if it is close enough to be a likely typo.
 * @internal
 */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const extends_ = (candidate: string) => candidate.toLowerCase().startsWith(key.toLowerCase());
  for (const candidate of allowed) {
    const d = editDistance(key, candidate);
    // Between equally near names, one that only adds to the key ('lever' → 'levers', not 'level').
    if (d < bestDistance || (d === bestDistance && extends_(candidate) && !extends_(best!))) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Up to a third of the word may be wrong (at least 2 edits), so 'capacityPerMont' finds its field
  // but 'foo' does not suggest 'id'.
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3)) && bestDistance < key.length) return best;
  // A key that begins one name only ('hi' for 'high', 'prio' for 'priority') is that name cut short.
  const extending = key.length >= 2 ? allowed.filter(extends_) : [];
  return extending.length === 1 ? extending[0] : undefined;
}

/**
 * Rejects an options object with a field not in `names`, which would otherwise be ignored and the call go
 * ahead on the default it meant to change. Anything but an object passes: the caller reports that itself.
 * One implementation for every layer (see also {@link checkOptions}); it allocates nothing unless it throws.
 * @param where - the object as the caller wrote it, e.g. `runExperiment: options`
 * @param noun - what the names are, for the message: options, or a distribution's parameters
 * @param also - one more key the object may carry without being listed, e.g. a distribution spec's `type`
 * @throws {@link DibsimError} `INVALID_ARGUMENT`: `<where>.<key> is not an option (got …). Did you mean …?`
 * @internal
 */
export function checkOptionNames(
  options: unknown,
  names: readonly string[],
  where: string,
  noun: 'option' | 'parameter' = 'option',
  also?: string,
): void {
  if (typeof options !== 'object' || options === null) return;
  const key = unknownKey(options, names, also);
  if (key !== undefined) throw unknownOption(options, key, names, where, noun);
}

/**
 * The first enumerable key of `options` not in `names`, if any. for…in, not Object.entries, so that no
 * array is built; it also sees inherited enumerable keys, which a read such as `options.priority` takes too.
 */
function unknownKey(options: object, names: readonly string[], also?: string): string | undefined {
  for (const key in options) {
    let known = key === also;
    // An indexed loop: names.includes(key) costs about twice as much.
    for (let i = 0; i < names.length && !known; i++) known = names[i] === key;
    if (!known) return key;
  }
  return undefined;
}

function unknownOption(
  options: object,
  key: string,
  names: readonly string[],
  where: string,
  noun: 'option' | 'parameter' = 'option',
): DibsimError {
  const value = (options as Record<string, unknown>)[key];
  const near = suggestKey(key, names);
  return new DibsimError(
    'INVALID_ARGUMENT',
    `${where}.${key} is not ${noun === 'option' ? 'an option' : 'a parameter'} (got ${describeValue(value)}). ${near === undefined ? '' : `Did you mean '${near}'? `}${noun === 'option' ? 'Options' : 'Parameters'}: ${names.join(', ')}.`,
  );
}

/**
 * Checks an optional options argument: `undefined` passes (the defaults); anything but an object, or an
 * object with a field not in `names`, throws. It costs about 10 ns with two keys, so the hottest calls
 * (`Resource.request`, `sim.timeout`) screen their options inline first and call it only for options the
 * screen does not pass, to say what is wrong.
 *
 * @param names - the option names, or `null` to check the shape only (a subclass's constructor checks the
 *   names it knows)
 * @param call - the call as the user wrote it, e.g. `Resource.request(options)`
 * @param fix - what to do instead of a value that is not an object
 * @throws {@link DibsimError} `INVALID_ARGUMENT`: `<call>: options must be an object { … } (got …).` or
 *   `<call>: options.<key> is not an option (got …). Did you mean …?`
 * @internal
 */
export function checkOptions(
  options: unknown,
  names: readonly string[] | null,
  call: string,
  fix = 'Leave it out for the defaults.',
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const shape = names === null ? '' : ` { ${names.join(', ')} }`;
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${call}: options must be an object${shape} (got ${describeValue(options)}). ${fix}`,
    );
  }
  // The message is built only when it throws: a template literal here would cost every call a string.
  const key = names === null ? undefined : unknownKey(options, names);
  if (key !== undefined) throw unknownOption(options, key, names!, `${call}: options`);
}

/**
 * Throws a {@link DibsimError} `INVALID_ARGUMENT` unless `value` is `undefined` or a function: a callback
 * given as anything else would fail with a raw TypeError only once the work calling it had started.
 *
 * @param name - the option as the user wrote it, e.g. `runSweep: options.onPoint`
 * @param fix - one sentence showing the callback's shape
 * @internal
 */
export function checkOptionalFunction(name: string, value: unknown, fix: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${name} must be a function (got ${describeValue(value)}). ${fix}`,
    );
  }
}

/**
 * Throws a {@link DibsimError} `INVALID_ARGUMENT` unless `value` is `undefined`, `true` or `false`: a flag
 * given as `'yes'` or `1` would otherwise be read as its default.
 *
 * @param name - the option as the user wrote it, e.g. `Resource.request(options): options.preempt`
 * @param fix - one sentence saying what leaving it out means
 * @internal
 */
export function checkOptionalBoolean(name: string, value: unknown, fix: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${name} must be true or false (got ${describeValue(value)}). ${fix}`,
    );
  }
}
