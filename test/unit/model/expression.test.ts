import { evaluate } from 'mathjs/number';
import { describe, expect, it } from 'vitest';
import { DibsimError, ScenarioError } from '../../../src/errors.js';
import { allowedFunctions, compileExpression, validateExpression } from '../../../src/model/expression.js';

const PATH = 'nations[0].budgetEurPerYear.expression';

describe('compileExpression', () => {
  it.each([
    ['min(t, 5) + 2t', [0, 3, 10]],
    ['t < 365 ? 1000 : 1500', [0, 364, 365, 700]],
    ['1 < t <= 5 ? 1 : 0', [1, 2, 5, 6]],
    ['200 * (1 + 0.1 * floor(t / 365))', [0, 365, 800]],
    ['max(0, 2000 + 500 * sin(2 * pi * t / 365))', [0, 91, 200]],
    ['round(e ^ (t / 100), 2) + mod(t, 7) + abs(-t)', [0, 13, 250]],
    ['t > 10 and t < 20 ? 1 : 0', [5, 15, 25]],
    ['-t + +3 - 2 / 4', [0, 1]],
    ['log(t + 1, 10) + sqrt(t) + pow(t, 0.5) + hypot(3, 4)', [0, 99]],
  ])('compileExpression(%j) agrees with mathjs on each t', (source, ts) => {
    const f = compileExpression(source, PATH);
    for (const t of ts) expect(f(t)).toBeCloseTo(evaluate(source, { t }) as number, 12);
  });

  it('compileExpression(source)(t) throws DibsimError naming the expression and t for a non-finite result', () => {
    const f = compileExpression('log(t)', PATH);
    expect(f(1)).toBe(0);
    expect(() => f(0)).toThrow(DibsimError);
    expect(() => f(0)).toThrow(/"log\(t\)".*-Infinity at t = 0/);
    expect(() => compileExpression('1 / (t - 3)', PATH)(3)).toThrow(/Infinity at t = 3/);
    expect(() => compileExpression('sqrt(t - 10)', PATH)(0)).toThrow(/NaN at t = 0/);
  });

  it('compileExpression(source)(t) rejects a boolean result and a non-finite t', () => {
    expect(() => compileExpression('t > 3', PATH)(5)).toThrow(/gave true at t = 5/);
    expect(() => compileExpression('t', PATH)(Number.NaN)).toThrow(/finite t/);
  });

  it('compileExpression throws a ScenarioError for an invalid expression, with the path', () => {
    try {
      compileExpression('evaluate("1")', PATH);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const { issues } = error as ScenarioError;
      expect(issues.map((i) => i.path)).toContain(PATH);
      expect((error as Error).message).toContain(PATH);
    }
  });
});

describe('validateExpression', () => {
  it('accepts arithmetic, conditionals and whitelisted functions', () => {
    expect(validateExpression('min(400 + 10 * t / 30, 2000)', PATH)).toEqual([]);
    expect(validateExpression('t < 90 ? 0 : exp(-t / 365)', PATH)).toEqual([]);
  });

  // Escapes that have been tried on mathjs' parser; each must be rejected before anything runs.
  it.each([
    ['import({}, {})', 'import'],
    ['evaluate("1")', 'evaluate'],
    ['parse("1")', 'parse'],
    ['compile("1")', 'compile'],
    ['createUnit("x")', 'createUnit'],
    ['simplify("x")', 'simplify'],
    ['derivative("x^2", "x")', 'derivative'],
    ['random()', 'random'],
    ['randomInt(1, 6)', 'randomInt'],
    ['pickRandom([1, 2])', 'pickRandom'],
    ['cos.constructor("return process")(1)', 'named function'],
    ['[1,2][1]', 'indexing'],
    ['f(x)=x', 'function definition'],
    ['a=1', 'assignment'],
    ['t=1; t', 'several statements'],
    ['{a: 1}', 'object literal'],
    ['1:3', 'range'],
    ['"abc"', 'string'],
    ['x + 1', "unknown symbol 'x'"],
    ['process', "unknown symbol 'process'"],
    ['t!', 'factorial'],
    ['5 cm to inch', "'to'"],
    ['t & 1', 'bitAnd'],
  ])('rejects %j, naming %j', (source, offender) => {
    const issues = validateExpression(source, PATH);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path === PATH && i.fix.length > 0)).toBe(true);
    expect(issues.map((i) => i.message).join('\n')).toContain(offender);
  });

  it('names the allowed functions when a call is rejected', () => {
    const [issue] = validateExpression('evaluate("1") + t', PATH).filter((i) =>
      i.message.includes('evaluate'),
    );
    expect(issue?.message).toContain("'evaluate'");
    for (const name of ['min', 'max', 'exp', 'log', 'sqrt', 'floor']) expect(issue?.message).toContain(name);
    expect(allowedFunctions).not.toContain('evaluate');
  });

  it('reports syntax errors, wrong argument counts, empty and overlong expressions', () => {
    expect(validateExpression('((t', PATH)[0]?.message).toMatch(/does not parse/);
    expect(validateExpression('sqrt(1, 2)', PATH)[0]?.message).toMatch(/Too many arguments/);
    expect(validateExpression('  ', PATH)[0]?.message).toMatch(/non-empty/);
    expect(validateExpression(`t${' + t'.repeat(1000)}`, PATH)[0]?.message).toMatch(/at most 2000/);
  });

  it('reports each offending construct once', () => {
    const messages = validateExpression('import({}, {})', PATH).map((i) => i.message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
