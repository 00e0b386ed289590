/**
 * The `@example` blocks of the TSDoc comments in `src/` type-check against the public API, as a strict
 * consumer compiles them (the repository's tsconfig: `noUncheckedIndexedAccess`,
 * `exactOptionalPropertyTypes`, `verbatimModuleSyntax`). Each example becomes the body of an async generator
 * function in a module of its own, which imports every name the package exports (and, for an example of an
 * internal function, the names its own module exports) and declares the variables examples take from their
 * context (`sim`, `rng`, `scenario`, …); a variable an example defines itself shadows these.
 *
 * Where an example states what an expression gives (`dayOf('2025-01-01', '2025-02-01'); // 31`, or the
 * statement followed by a comment line holding the value), the example runs and the value must match: a
 * whole number exactly, a decimal to the significant digits shown (`0.975` matches 0.97500000000001), and
 * `2.1910…`, `[1, 0, 2, …]`, `'text …'` and `{ path: … }` as a number to the decimals shown, the first items,
 * a string's start and any value. A comment that does not start with a literal (`// mean 3 days`) states
 * nothing, a comment that starts like an array, object or string must parse as one, and a `console.*` line
 * is not checked. Examples that state a value run in the repository's folder with the context variables
 * undefined, so they must define what they use and write no files.
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

// ---------------------------------------------------------------------------------------------------------
// The values examples state

/** A value an example states: the expression, its 0-based line in the example, and the literal shown. */
interface StatedValue {
  readonly line: number;
  readonly expression: string;
  readonly shown: Shown;
}

/** A literal as an example shows it: numbers keep their text, for the digits shown. */
type Shown =
  | { readonly kind: 'number'; readonly text: string; readonly prefix: boolean }
  | { readonly kind: 'string'; readonly text: string; readonly prefix: boolean }
  | { readonly kind: 'plain'; readonly value: boolean | null }
  | { readonly kind: 'any' }
  | { readonly kind: 'array'; readonly items: readonly Shown[]; readonly more: boolean }
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, Shown> };

/** How `…` is read: after digits, a number cut short; as an array's last item, more items; as a field's value, any. */
const CUT_NUMBER = /(\d[\d_.]*(?:e[+-]?\d+)?)…/gi;
const CUT_ITEMS = /,\s*…\s*\]/g;
const ANY_VALUE = /(:\s*)…/g;

/** `code`'s expression if it parses, without errors, as exactly one expression statement. */
function oneExpression(code: string): { sf: ts.SourceFile; statement: ts.ExpressionStatement } | undefined {
  const { diagnostics = [] } = ts.transpileModule(code, { reportDiagnostics: true });
  if (diagnostics.length > 0) return undefined;
  const sf = ts.createSourceFile('line.ts', code, ts.ScriptTarget.ES2022, true);
  const [statement] = sf.statements;
  if (sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return undefined;
  return { sf, statement };
}

/** The literal `node` shows, or undefined if it is anything else (a name, a call, a template, a spread). */
function shownLiteral(node: ts.Expression): Shown | undefined {
  if (ts.isParenthesizedExpression(node)) return shownLiteral(node.expression);
  if (ts.isNumericLiteral(node)) return { kind: 'number', text: node.getText(), prefix: false };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const inner = shownLiteral(node.operand);
    return inner?.kind === 'number' ? { ...inner, text: `-${inner.text}` } : undefined;
  }
  if (ts.isIdentifier(node) && node.text === '__ANY') return { kind: 'any' };
  if (ts.isCallExpression(node) && node.expression.getText() === '__CUT') {
    const [digits] = node.arguments;
    return digits && ts.isStringLiteral(digits)
      ? { kind: 'number', text: digits.text, prefix: true }
      : undefined;
  }
  if (ts.isStringLiteral(node)) {
    const prefix = node.text.endsWith('…');
    return { kind: 'string', text: prefix ? node.text.slice(0, -1) : node.text, prefix };
  }
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
  const text = comment
    .replace(CUT_NUMBER, '__CUT("$1")')
    .replace(CUT_ITEMS, ', __MORE]')
    .replace(ANY_VALUE, '$1__ANY');
  for (let end = text.length; end > 0; end--) {
    if (!/^(?:$|[,:]| \()/.test(text.slice(end))) continue;
    const parsed = oneExpression(`(${text.slice(0, end)});`);
    const shown = parsed && shownLiteral(parsed.statement.expression);
    if (shown !== undefined) return shown;
  }
  return undefined;
}

/** The values an example states, and the comments that start like a literal but do not parse as one. */
function statedIn(code: string): { values: StatedValue[]; unreadable: { line: number; comment: string }[] } {
  const lines = code.split('\n');
  const values: StatedValue[] = [];
  const unreadable: { line: number; comment: string }[] = [];
  lines.forEach((line, i) => {
    const found = oneExpression(line);
    if (found === undefined) return;
    const e = found.statement.expression;
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    if (e.getText(found.sf).startsWith('console.')) return;
    const trailing = ts.getTrailingCommentRanges(line, found.statement.end)?.[0];
    const next = lines[i + 1]?.trim();
    const comment = (
      trailing === undefined
        ? next?.startsWith('//')
          ? next.slice(2)
          : undefined
        : line.slice(trailing.pos + 2, trailing.end)
    )?.trim();
    if (comment === undefined) return;
    const shown = literalAtStart(comment);
    if (shown !== undefined) values.push({ line: i, expression: e.getText(found.sf), shown });
    else if (/^[[{'"]/.test(comment)) unreadable.push({ line: i, comment });
  });
  return { values, unreadable };
}

/** Significant digits of a number as written (`0.975` 3, `1.05e9` 3). */
function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').split(/e/i)[0]!.replace('.', '');
  return Math.max(1, mantissa.replace(/^0+/, '').length);
}

/** How `actual` differs from what the example shows, at `where`; empty if it matches. */
function mismatches(actual: unknown, shown: Shown, where: string): string[] {
  const differ = (what: string) => [`${where}: shows ${what}, gives ${valueText(actual)}`];
  switch (shown.kind) {
    case 'number': {
      const text = shown.text.replaceAll('_', '');
      const value = Number(text);
      if (typeof actual !== 'number') return differ(shown.text);
      if (shown.prefix) {
        const decimals = text.split(/e/i)[0]!.split('.')[1]?.length ?? 0;
        return Math.abs(actual - value) < 10 ** -decimals ? [] : differ(`${shown.text}…`);
      }
      const whole = !/[.e]/i.test(text);
      const ok = whole ? actual === value : Number(actual.toPrecision(significantDigits(text))) === value;
      return ok ? [] : differ(shown.text);
    }
    case 'string': {
      const ok =
        typeof actual === 'string' && (shown.prefix ? actual.startsWith(shown.text) : actual === shown.text);
      return ok ? [] : differ(JSON.stringify(shown.prefix ? `${shown.text}…` : shown.text));
    }
    case 'plain':
      return Object.is(actual, shown.value) ? [] : differ(JSON.stringify(shown.value));
    case 'any':
      return [];
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
      const fields = actual as Record<string, unknown>;
      const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
      if (keys.sort().join() !== [...shown.fields.keys()].sort().join()) {
        return differ(`the fields ${[...shown.fields.keys()].join(', ')}`);
      }
      return [...shown.fields].flatMap(([k, v]) => mismatches(fields[k], v, `${where}.${k}`));
    }
  }
}

/** A value for a message. */
function valueText(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

// ---------------------------------------------------------------------------------------------------------
// The compiler

/** The compiler options of the repository's tsconfig.json, for type-checking only. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const errors = [config.error, ...parsed.errors].filter((d) => d !== undefined);
  // Options read wrongly would check the examples more loosely than users compile them.
  if (errors.length > 0) {
    throw new Error(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  }
  return { ...parsed.options, noEmit: true };
}

/** A module's exports, split as `import` and `import type` take them. */
interface Exports {
  readonly values: readonly string[];
  readonly types: readonly string[];
}

/** The exports of each of `files`, read by the compiler, with the program that read them. */
function exportsOf(files: readonly string[], options: ts.CompilerOptions) {
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const exports = new Map<string, Exports>();
  for (const f of files) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(f)!);
    const symbols = module === undefined ? [] : checker.getExportsOfModule(module);
    const isValue = (s: ts.Symbol) =>
      ((s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value) !== 0;
    exports.set(f, {
      values: symbols.filter(isValue).map((s) => s.name),
      types: symbols.filter((s) => !isValue(s)).map((s) => s.name),
    });
  }
  return { program, exports };
}

/** Import statements for `names` from `specifier` (none for an empty list). */
function importsFrom(specifier: string, { values, types }: Exports): string {
  const from = JSON.stringify(specifier);
  return [
    values.length > 0 ? `import { ${values.join(', ')} } from ${from};` : '',
    types.length > 0 ? `import type { ${types.join(', ')} } from ${from};` : '',
  ].join('');
}

describe('TSDoc @example blocks', () => {
  const examples = examplesIn(src);
  const options = compilerOptions();
  const index = join(src, 'index.ts');
  const read = exportsOf([index, ...new Set(examples.map((e) => join(root, e.file)))], options);
  const api = read.exports.get(index)!;
  const inApi = new Set([...api.values, ...api.types]);
  /** What an example's module starts with: its imports and its context. */
  const preamble = (e: Example): string => {
    const own = read.exports.get(join(root, e.file))!;
    const notInApi = (names: readonly string[]) => names.filter((n) => !inApi.has(n));
    const ownPath = join(root, e.file).replace(/\.ts$/, '.js').replaceAll('\\', '/');
    const ownImports = importsFrom(ownPath, { values: notInApi(own.values), types: notInApi(own.types) });
    return `${importsFrom('dibsim', api)}${ownImports}\n${CONTEXT}\n`;
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
    // The program that read the exports lends its parsed source files.
    const program = ts.createProgram([...virtual.keys()], options, host, read.program);
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
        const { values, unreadable } = statedIn(e.code);
        for (const u of unreadable) {
          problems.push(
            `${e.file}:${e.line + u.line}: the comment ${u.comment} starts like a literal but is not one`,
          );
        }
        if (values.length === 0) continue;
        const lines = e.code.split('\n');
        values.forEach((v, k) => {
          lines[v.line] = `${/^\s*/.exec(lines[v.line]!)![0]}__stated[${k}] = (${v.expression});`;
        });
        const file = join(dir, `example-${i}.ts`);
        // An async generator, as in the type check, so an example may yield; the loop below drains it.
        const body = `export const __stated: unknown[] = [];\nexport async function* __run() {\n${lines.join('\n')}\n}\n`;
        writeFileSync(file, `${preamble(e)}${body}`);
        let stated: unknown[];
        try {
          const module = (await import(file)) as { __stated: unknown[]; __run(): AsyncGenerator<unknown> };
          const steps = module.__run();
          let step = await steps.next();
          while (!step.done) step = await steps.next();
          stated = module.__stated;
        } catch (error) {
          problems.push(`${e.file}:${e.line}: the example throws ${String(error)}`);
          continue;
        }
        values.forEach((v, k) => {
          checked++;
          problems.push(...mismatches(stated[k], v.shown, `${e.file}:${e.line + v.line}: ${v.expression}`));
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
