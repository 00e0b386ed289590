/**
 * Sandboxed expressions in `t` (days since the scenario start) for time-varying scenario quantities,
 * e.g. `{ expression: "min(400 + 10 * t / 30, 2000)" }`.
 *
 * Expressions are parsed by mathjs (the number-only build, with `import`, `createUnit`, `evaluate`,
 * `parse`, `compile`, `simplify`, `derivative` and the random functions replaced by functions that throw)
 * and then whitelisted node by node: numbers, the symbol `t`, the constants `pi` and `e`, arithmetic,
 * comparison and logical operators, parentheses, `cond ? a : b`, chained comparisons and calls to
 * {@link allowedFunctions}. Anything else (assignments, function definitions, property access, indexing,
 * matrices, objects, ranges, blocks, strings, unknown symbols) is rejected before anything runs.
 *
 * The accepted tree is then turned into plain closures over the whitelisted mathjs functions, so mathjs'
 * own evaluator (and its scope handling) is never used: there is nothing to escape into.
 *
 * @module
 */

import { createRequire } from 'node:module';
import { DibsimError, ScenarioError, type ScenarioIssue } from '../errors.js';

/** Functions an expression may call; each behaves as the mathjs function of that name on numbers. */
export const allowedFunctions: readonly string[] = Object.freeze(
  (
    'abs acos asin atan atan2 cbrt ceil cos cosh exp expm1 fix floor hypot log log10 log1p log2 ' +
    'max min mod pow round sign sin sinh sqrt square tan tanh'
  ).split(' '),
);

/** Symbols an expression may use: `t` (days since the scenario start) and the constants `pi` and `e`. */
export const allowedSymbols: readonly string[] = Object.freeze(['t', 'pi', 'e']);

// mathjs operator functions (OperatorNode.fn) allowed: arithmetic, comparison and logic on numbers.
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set(
  (
    'add subtract multiply divide pow mod unaryMinus unaryPlus ' +
    'smaller smallerEq larger largerEq equal unequal and or xor not'
  ).split(' '),
);

const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(allowedFunctions);

/** Longest expression accepted, in characters: a bound on parser work for hostile input. */
const MAX_LENGTH = 2000;

// Functions that could reach outside the sandbox or bring in hidden randomness.
const DISABLED: readonly string[] =
  'import createUnit evaluate parse compile simplify derivative resolve chain random randomInt pickRandom'.split(
    ' ',
  );

type MathFn = (...args: unknown[]) => unknown;
interface Sandbox {
  readonly parse: (source: string) => unknown;
  readonly fn: (name: string) => MathFn;
  readonly constant: (name: string) => number;
}

let sandbox: Sandbox | undefined;

/** Creates the mathjs instance on first use (mathjs is slow to set up; most runs have no expressions). */
function getSandbox(): Sandbox {
  if (sandbox !== undefined) return sandbox;
  // The number-only build: no units, matrices or big numbers, and half the load time of the full one.
  // Loaded here, on first use, not at import: mathjs costs ~0.5 s and ~50 MB per process or worker,
  // and most runs have no expressions.
  const { all, create } = createRequire(import.meta.url)('mathjs/number') as typeof import('mathjs/number');
  const math = create(all ?? {}, {});
  const parse = math.parse.bind(math) as (source: string) => unknown;
  const namespace = math as unknown as Record<string, unknown>;
  const functions = new Map<string, MathFn>();
  for (const name of [...ALLOWED_FUNCTIONS, ...ALLOWED_OPERATORS]) {
    const f = namespace[name];
    if (typeof f !== 'function') throw new Error(`mathjs has no function ${name}`);
    functions.set(name, f as MathFn);
  }
  const disabled: Record<string, () => never> = {};
  for (const name of DISABLED) {
    disabled[name] = () => {
      throw new DibsimError('INVALID_ARGUMENT', `function ${name} is disabled in scenario expressions.`);
    };
  }
  math.import(disabled, { override: true });
  const pi = namespace.pi as number;
  const e = namespace.e as number;
  sandbox = {
    parse,
    fn: (name) => functions.get(name)!,
    constant: (name) => (name === 'pi' ? pi : e),
  };
  return sandbox;
}

/** The parts of a mathjs node that the whitelist looks at. */
interface Node {
  readonly type: string;
  readonly name?: string;
  readonly fn?: string | Node;
  readonly op?: string;
  readonly value?: unknown;
  readonly args?: readonly Node[];
  readonly params?: readonly Node[];
  readonly conditionals?: readonly string[];
  readonly content?: Node;
  readonly condition?: Node;
  readonly trueExpr?: Node;
  readonly falseExpr?: Node;
}

type Compiled = (t: number) => unknown;

const NODE_NAMES: Readonly<Record<string, string>> = {
  AssignmentNode: 'an assignment (=)',
  FunctionAssignmentNode: 'a function definition (f(x) = …)',
  AccessorNode: 'a property access or indexing (a.b, a[1])',
  IndexNode: 'an index ([…])',
  ObjectNode: 'an object literal ({…})',
  ArrayNode: 'a matrix or array literal ([…])',
  BlockNode: 'several statements (; or newline)',
  RangeNode: 'a range (a:b)',
};

const ALLOWED_SUMMARY = `Use numbers, t, pi, e, + - * / ^ mod, comparisons, and/or/not, cond ? a : b and the functions ${allowedFunctions.join(', ')}.`;

/** Checks one node (recursively), pushing an issue per problem and returning a closure if it is clean. */
function build(node: Node, path: string, issues: ScenarioIssue[]): Compiled | undefined {
  const box = getSandbox();
  const children = (nodes: readonly Node[] | undefined): Compiled[] | undefined => {
    const built = (nodes ?? []).map((child) => build(child, path, issues));
    return built.every((b) => b !== undefined) ? (built as Compiled[]) : undefined;
  };
  const reject = (message: string, fix: string): undefined => {
    issues.push({ path, message, fix });
    return undefined;
  };
  switch (node.type) {
    case 'ConstantNode': {
      const value = node.value;
      if (typeof value !== 'number') {
        return reject(
          `expression contains the ${typeof value} constant ${JSON.stringify(value)}; only numbers are allowed`,
          ALLOWED_SUMMARY,
        );
      }
      return () => value;
    }
    case 'SymbolNode': {
      const name = node.name ?? '';
      if (name === 't') return (t) => t;
      if (name === 'pi' || name === 'e') {
        const value = box.constant(name);
        return () => value;
      }
      return reject(
        `expression uses the unknown symbol '${name}'; allowed symbols: ${allowedSymbols.join(', ')}`,
        `Write time as t (days since the start); ${ALLOWED_SUMMARY}`,
      );
    }
    case 'ParenthesisNode':
      return node.content === undefined ? undefined : build(node.content, path, issues);
    case 'OperatorNode': {
      const name = typeof node.fn === 'string' ? node.fn : '';
      if (!ALLOWED_OPERATORS.has(name)) {
        reject(
          `expression uses the operator '${node.op ?? name}' (${name}), which is not allowed`,
          ALLOWED_SUMMARY,
        );
        children(node.args); // its operands may have problems of their own
        return undefined;
      }
      const args = children(node.args);
      return args === undefined ? undefined : apply(box.fn(name), args);
    }
    case 'RelationalNode': {
      const names = node.conditionals ?? [];
      const params = children(node.params);
      const bad = names.find((c) => !ALLOWED_OPERATORS.has(c));
      if (bad !== undefined)
        return reject(`expression uses the comparison ${bad}, which is not allowed`, ALLOWED_SUMMARY);
      if (params === undefined) return undefined;
      const compare = names.map((c) => box.fn(c));
      // a < b <= c means (a < b) and (b <= c), each operand evaluated once.
      return (t) => {
        const values = params.map((p) => p(t));
        return compare.every((f, i) => Boolean(f(values[i], values[i + 1])));
      };
    }
    case 'ConditionalNode': {
      const parts = children([node.condition, node.trueExpr, node.falseExpr] as Node[]);
      if (parts === undefined) return undefined;
      const [condition, whenTrue, whenFalse] = parts as [Compiled, Compiled, Compiled];
      // mathjs treats a non-zero number or true as true.
      return (t) => (condition(t) ? whenTrue(t) : whenFalse(t));
    }
    case 'FunctionNode': {
      const fn = node.fn;
      // A rejected callee is the problem to report; its arguments (e.g. the string in evaluate("1"))
      // would only add noise.
      if (typeof fn !== 'object' || fn.type !== 'SymbolNode') {
        return reject(
          'expression calls something other than a named function (e.g. a property such as cos.constructor)',
          ALLOWED_SUMMARY,
        );
      }
      const name = fn.name ?? '';
      if (!ALLOWED_FUNCTIONS.has(name)) {
        return reject(
          `expression calls the function '${name}', which is not allowed; allowed functions: ${allowedFunctions.join(', ')}`,
          'Rewrite the formula with arithmetic and the allowed functions; nothing else of mathjs is available.',
        );
      }
      const args = children(node.args);
      return args === undefined ? undefined : apply(box.fn(name), args);
    }
    default:
      return reject(
        `expression contains ${NODE_NAMES[node.type] ?? `a ${node.type}`}, which is not allowed`,
        ALLOWED_SUMMARY,
      );
  }
}

function apply(f: MathFn, args: readonly Compiled[]): Compiled {
  const [a, b] = args;
  if (args.length === 1 && a !== undefined) return (t) => f(a(t));
  if (args.length === 2 && a !== undefined && b !== undefined) return (t) => f(a(t), b(t));
  return (t) => f(...args.map((arg) => arg(t)));
}

/** Parses and whitelists `source`; returns the closure (if clean) and every issue found. */
function check(source: string, path: string): { compiled: Compiled | undefined; issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  if (typeof source !== 'string' || source.trim() === '') {
    issues.push({
      path,
      message: `expression must be a non-empty string (got ${JSON.stringify(source)})`,
      fix: 'Write a formula in t, e.g. "min(400 + 10 * t / 30, 2000)".',
    });
    return { compiled: undefined, issues };
  }
  if (source.length > MAX_LENGTH) {
    issues.push({
      path,
      message: `expression is ${source.length} characters long; at most ${MAX_LENGTH} are allowed`,
      fix: 'Use a shorter formula, or a { steps } or { points } profile instead.',
    });
    return { compiled: undefined, issues };
  }
  let tree: Node;
  try {
    tree = getSandbox().parse(source) as Node;
  } catch (error) {
    issues.push({
      path,
      message: `expression ${JSON.stringify(source)} does not parse: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'Check brackets and operators; mathjs syntax, e.g. "t < 365 ? 100 : 200".',
    });
    return { compiled: undefined, issues };
  }
  const compiled = build(tree, path, issues);
  if (compiled !== undefined) {
    // Argument counts are checked by the functions themselves, so try one evaluation: an arity error
    // does not depend on t. (A non-finite value here is left to the caller, who knows the horizon.)
    try {
      compiled(0);
    } catch (error) {
      issues.push({
        path,
        message: `expression ${JSON.stringify(source)} fails: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Check the number of arguments of each function (see the mathjs documentation).',
      });
    }
  }
  // The same construct used twice (e.g. two object literals) is one problem to fix.
  const unique = issues.filter(
    (issue, i) => issues.findIndex((other) => other.message === issue.message) === i,
  );
  return { compiled: unique.length === 0 ? compiled : undefined, issues: unique };
}

/**
 * Checks a scenario expression without running it: syntax, the whitelist of node types, functions and
 * symbols, and function argument counts.
 *
 * @param source - the expression, e.g. `"200 * (1 + 0.1 * floor(t / 365))"`
 * @param path - where it sits in the scenario, used as each issue's `path`
 * @returns every problem found (empty when the expression is acceptable)
 * @example
 * validateExpression('evaluate("1")', 'nations[0].budgetEurPerYear.expression');
 * // [{ path: …, message: "expression calls the function 'evaluate', which is not allowed; allowed functions: abs, …", fix: … }]
 */
export function validateExpression(source: string, path: string): ScenarioIssue[] {
  return check(source, path).issues;
}

/**
 * Compiles a scenario expression into a function of `t`, the simulated time in days since the start.
 *
 * The returned function checks its result: a value that is not a finite number (e.g. `log(t)` at
 * `t = 0`, or a comparison's `true`) throws, naming the expression and `t`.
 *
 * @param source - the expression, e.g. `"t < 365 ? 1000 : 1500"`
 * @param path - where it sits in the scenario, for messages
 * @returns `(t) => value`, a finite number
 * @throws {@link ScenarioError} if the expression is invalid (see {@link validateExpression}).
 * @throws {@link DibsimError} `INVALID_ARGUMENT` from the returned function if `t` is not finite or
 *   the result is not a finite number.
 * @example
 * const budget = compileExpression('1e9 * (1 + 0.05 * floor(t / 365))', 'nations[0].budgetEurPerYear.expression');
 * budget(400); // 1.05e9
 */
export function compileExpression(source: string, path: string): (t: number) => number {
  const { compiled, issues } = check(source, path);
  if (compiled === undefined) throw new ScenarioError(issues, `expression ${JSON.stringify(source)}`);
  return (t: number): number => {
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${path}: expression ${JSON.stringify(source)} needs a finite t in days (got ${String(t)}). Pass the simulation time.`,
      );
    }
    const value = compiled(t);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${path}: expression ${JSON.stringify(source)} gave ${typeof value === 'number' ? String(value) : JSON.stringify(value)} at t = ${t} days; it must give a finite number. Guard the formula, e.g. log(max(t, 1)), or use a conditional.`,
      );
    }
    return value;
  };
}
