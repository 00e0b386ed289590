/**
 * The `@example` blocks of the TSDoc comments in `src/` type-check against the public API, as a strict
 * consumer compiles them (the repository's tsconfig: `noUncheckedIndexedAccess`,
 * `exactOptionalPropertyTypes`). Each example becomes the body of an async generator function in a module of
 * its own, which imports every name the package exports (and, for an example of an internal function, the
 * names its own module exports) and declares the variables examples take from their context (`sim`, `rng`,
 * `scenario`, …); a variable an example defines itself shadows these.
 *
 * Where an example states what an expression gives (`dayOf('2025-01-01', '2025-02-01'); // 31`, or the
 * statement followed by a comment line holding the value), the example runs and the value must match, to
 * the digits shown (`0.975` matches 0.97500000000001; `2.1910…` and `[1, 0, 2, …]` are prefixes). A
 * comment that does not start with a literal (`// mean 3 days`) states nothing checkable, and is left.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

/** One `@example` block: where it starts (file, 1-based line of its first code line) and its code. */
interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** Every `@example` block in `src/`: the comment lines after the tag, up to the next tag or the comment's end. */
function examplesIn(dir: string): Example[] {
  const found: Example[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const file = join(dir, entry);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (!/^\s*\* @example\s*$/.test(text)) return;
      const code: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j]!;
        if (/^\s*\*\//.test(l) || /^\s*\* @/.test(l)) break;
        code.push(l.replace(/^\s*\* ?/, ''));
      }
      found.push({ file: relative(root, file), line: i + 2, code: code.join('\n') });
    });
  }
  return found;
}

/**
 * What examples take from their context, declared at module scope. Kept to names a reader would take as
 * given; anything else an example uses must be defined in it or exported by the package.
 */
const CONTEXT = `
import { writeFileSync } from 'node:fs';
declare const sim: Simulation;
declare const rng: Rng;
declare const streams: Streams;
declare const scenario: Scenario;
declare const scenarios: readonly Scenario[];
declare const strategies: readonly StrategySpec[];
declare const options: ExperimentOptions;
declare const experiment: ExperimentOptions;
declare const result: ExperimentResult;
declare const results: ExperimentResult[];
declare const input: ReportInput;
declare const spec: ChartSpec;
declare const data: unknown;
declare const text: string;
declare const km: KaplanMeier;
declare const line: Resource;
declare const nations: readonly { readonly id: string; readonly memberships: readonly Membership[] }[];
declare const run: { readonly waitingTimes: number[] };
declare const replications: readonly { readonly meanWaitDays: number }[];
interface Order { readonly item: string }
`;

/** A value an example states: the expression, its 0-based line in the example, and the literal shown. */
interface StatedValue {
  readonly line: number;
  readonly expression: string;
  readonly shown: Shown;
}

/** A literal as an example shows it: numbers keep their text, for the digits shown. */
type Shown =
  | { readonly kind: 'number'; readonly text: string; readonly prefix: boolean }
  | { readonly kind: 'plain'; readonly value: string | boolean | null }
  | { readonly kind: 'array'; readonly items: readonly Shown[]; readonly more: boolean }
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, Shown> };

/** How a number or an array cut short with `…` is read: a marker call, and a marker last item. */
const CUT_NUMBER = /(\d[\d.]*(?:e[+-]?\d+)?)…/gi;
const CUT_ITEMS = /,\s*…\s*\]/g;

/** The literal `node` shows, or undefined if it is anything else (a name, a call, a template). */
function shownLiteral(node: ts.Expression): Shown | undefined {
  if (ts.isParenthesizedExpression(node)) return shownLiteral(node.expression);
  if (ts.isNumericLiteral(node)) return { kind: 'number', text: node.getText(), prefix: false };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const inner = shownLiteral(node.operand);
    return inner?.kind === 'number' ? { ...inner, text: `-${inner.text}` } : undefined;
  }
  if (ts.isCallExpression(node) && node.expression.getText() === '__CUT') {
    const [digits] = node.arguments;
    return digits && ts.isStringLiteral(digits)
      ? { kind: 'number', text: digits.text, prefix: true }
      : undefined;
  }
  if (ts.isStringLiteral(node)) return { kind: 'plain', value: node.text };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'plain', value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'plain', value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'plain', value: null };
  if (ts.isArrayLiteralExpression(node)) {
    const elements = [...node.elements];
    const more = elements.at(-1)?.getText() === '__MORE';
    const items = (more ? elements.slice(0, -1) : elements).map(shownLiteral);
    return items.every((i) => i !== undefined) ? { kind: 'array', items: items as Shown[], more } : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const fields = new Map<string, Shown>();
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
        return undefined;
      const value = shownLiteral(p.initializer);
      if (value === undefined) return undefined;
      fields.set(p.name.text, value);
    }
    return { kind: 'object', fields };
  }
  return undefined;
}

/**
 * The literal at the start of `comment`: its longest start that parses as one and ends the comment or
 * comes before a comma, a colon or ` (` (`[17, 45] (Feb 1, Mar 1)`, `0.3: level 1 …`, `2, within 0.1 %`);
 * `3 nations → …` and `mean 3 days` state no value.
 */
function literalAtStart(comment: string): Shown | undefined {
  const text = comment.replace(CUT_NUMBER, '__CUT("$1")').replace(CUT_ITEMS, ', __MORE]');
  for (let end = text.length; end > 0; end--) {
    if (!/^(?:$|[,:]| \()/.test(text.slice(end))) continue;
    const code = `(${text.slice(0, end)});`;
    const { diagnostics = [] } = ts.transpileModule(code, { reportDiagnostics: true });
    if (diagnostics.length > 0) continue;
    const sf = ts.createSourceFile('shown.ts', code, ts.ScriptTarget.ES2022, true);
    const [statement] = sf.statements;
    if (sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) continue;
    const shown = shownLiteral(statement.expression);
    if (shown !== undefined) return shown;
  }
  return undefined;
}

/** `line`'s statement if it is one expression statement that is not a log or an assignment. */
function valueStatement(line: string): { sf: ts.SourceFile; statement: ts.ExpressionStatement } | undefined {
  const { diagnostics = [] } = ts.transpileModule(line, { reportDiagnostics: true });
  if (diagnostics.length > 0) return undefined;
  const sf = ts.createSourceFile('line.ts', line, ts.ScriptTarget.ES2022, true);
  const [statement] = sf.statements;
  if (sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return undefined;
  const e = statement.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return undefined;
  if (e.getText(sf).startsWith('console.')) return undefined;
  return { sf, statement };
}

/** The values an example states: `expression; // literal`, or the statement and then a line `// literal`. */
function statedIn(code: string): StatedValue[] {
  const lines = code.split('\n');
  return lines.flatMap((line, i) => {
    const found = valueStatement(line);
    if (found === undefined) return [];
    const trailing = ts.getTrailingCommentRanges(line, found.statement.end)?.[0];
    const next = lines[i + 1]?.trim();
    const comment =
      trailing === undefined
        ? next?.startsWith('//')
          ? next.slice(2)
          : undefined
        : line.slice(trailing.pos + 2, trailing.end);
    const shown = comment === undefined ? undefined : literalAtStart(comment.trim());
    return shown === undefined
      ? []
      : [{ line: i, expression: found.statement.expression.getText(found.sf), shown }];
  });
}

/** Significant digits of a number as written (`0.975` 3, `1.05e9` 3, `31` 2). */
function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').split(/e/i)[0]!.replace('.', '');
  return Math.max(1, mantissa.replace(/^0+/, '').length);
}

/** How `actual` differs from what the example shows, at `where`; empty if it matches. */
function mismatches(actual: unknown, shown: Shown, where: string): string[] {
  const differ = (what: string) => [`${where}: shows ${what}, gives ${valueText(actual)}`];
  switch (shown.kind) {
    case 'number': {
      if (typeof actual !== 'number') return differ(shown.text);
      if (shown.prefix) {
        const decimals = shown.text.split('.')[1]?.length ?? 0;
        const ok = String(actual).startsWith(shown.text) || actual.toFixed(decimals) === shown.text;
        return ok ? [] : differ(`${shown.text}…`);
      }
      const value = Number(shown.text);
      const ok = actual === value || Number(actual.toPrecision(significantDigits(shown.text))) === value;
      return ok ? [] : differ(shown.text);
    }
    case 'plain':
      return Object.is(actual, shown.value) ? [] : differ(JSON.stringify(shown.value));
    case 'array': {
      if (!Array.isArray(actual)) return differ('an array');
      const lengthOk = shown.more
        ? actual.length >= shown.items.length
        : actual.length === shown.items.length;
      if (!lengthOk) return differ(`${shown.items.length}${shown.more ? ' or more' : ''} items`);
      return shown.items.flatMap((item, k) => mismatches(actual[k], item, `${where}[${k}]`));
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null) return differ('an object');
      const keys = Object.keys(actual).filter((k) => (actual as Record<string, unknown>)[k] !== undefined);
      if (keys.sort().join() !== [...shown.fields.keys()].sort().join()) {
        return differ(`the fields ${[...shown.fields.keys()].join(', ')}`);
      }
      return [...shown.fields].flatMap(([k, v]) =>
        mismatches((actual as Record<string, unknown>)[k], v, `${where}.${k}`),
      );
    }
  }
}

/** A value for a message. */
function valueText(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** The names each module exports, values and types alike, as the compiler reads them. */
function exportsOf(files: readonly string[], options: ts.CompilerOptions): Map<string, string[]> {
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  return new Map(
    files.map((f) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(f)!);
      return [f, module === undefined ? [] : checker.getExportsOfModule(module).map((s) => s.name)];
    }),
  );
}

/** The compiler options of the repository's tsconfig.json, for type-checking only. */
function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  // The example modules import types and values in one list, which verbatimModuleSyntax would refuse.
  return { ...parsed.options, noEmit: true, verbatimModuleSyntax: false, isolatedModules: false };
}

describe('TSDoc @example blocks', () => {
  const examples = examplesIn(src);
  const options = compilerOptions();
  let preambles: ((e: Example) => string) | undefined;
  /** What an example's module starts with: its imports and its context (names read once, on first use). */
  const preamble = (e: Example): string => {
    if (preambles === undefined) {
      const index = join(src, 'index.ts');
      const exported = exportsOf([index, ...new Set(examples.map((x) => join(root, x.file)))], options);
      const api = new Set(exported.get(index));
      const apiImport = `import { ${[...api].join(', ')} } from 'dibsim';`;
      preambles = (x) => {
        const own = (exported.get(join(root, x.file)) ?? []).filter((name) => !api.has(name));
        const path = join(root, x.file).replace(/\.ts$/, '.js');
        return `${apiImport}${own.length === 0 ? '' : `import { ${own.join(', ')} } from '${path}';`}\n${CONTEXT}\n`;
      };
    }
    return preambles(e);
  };

  it('are found in src/', () => {
    expect(examples.length).toBeGreaterThanOrEqual(80);
  });

  it('type-check against the public API under the strict tsconfig', () => {
    const virtual = new Map<string, { example: Example; head: string }>();
    examples.forEach((example, i) => {
      const head = `${preamble(example)}export async function* example() {\n`;
      virtual.set(join(root, 'test', 'docs', `__example-${i}.mts`), { example, head });
    });
    const textOf = (f: string) => {
      const v = virtual.get(f);
      return v === undefined ? undefined : `${v.head}${v.example.code}\n}\n`;
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
    host.readFile = (f) => textOf(f) ?? readFile.call(host, f);
    host.getSourceFile = (f, language, onError) => {
      const text = textOf(f);
      return text === undefined
        ? getSourceFile.call(host, f, language, onError)
        : ts.createSourceFile(f, text, language, true);
    };
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems: string[] = [];
    for (const [f, { example: e, head }] of virtual) {
      const headLines = head.split('\n').length - 1;
      const sf = program.getSourceFile(f)!;
      for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
        const at = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
        const where =
          at >= headLines ? `${e.file}:${e.line + at - headLines}` : `${e.file}:${e.line} (preamble)`;
        problems.push(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('give the values they state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibsim-examples-'));
    const problems: string[] = [];
    let checked = 0;
    try {
      for (const [i, e] of examples.entries()) {
        const stated = statedIn(e.code);
        if (stated.length === 0) continue;
        const lines = e.code.split('\n');
        stated.forEach((v, k) => {
          lines[v.line] = `${/^\s*/.exec(lines[v.line]!)![0]}__stated[${k}] = (${v.expression});`;
        });
        const file = join(dir, `example-${i}.ts`);
        const body = `export const __stated: unknown[] = [];\nexport async function __run(): Promise<void> {\n${lines.join('\n')}\n}\n`;
        writeFileSync(file, `${preamble(e)}${body}`);
        const module = (await import(file)) as { __stated: unknown[]; __run(): Promise<void> };
        try {
          await module.__run();
        } catch (error) {
          problems.push(`${e.file}:${e.line}: the example throws ${String(error)}`);
          continue;
        }
        stated.forEach((v, k) => {
          checked++;
          problems.push(
            ...mismatches(module.__stated[k], v.shown, `${e.file}:${e.line + v.line}: ${v.expression}`),
          );
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
