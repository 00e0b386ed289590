import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { dibsimCommand, shellQuote, withOption } from '../../../src/cli/command-line.js';
import { lever, nonNegativeInt, param, positiveInt, seed, shard } from '../../../src/cli/options.js';
import { inCliTerms, resolveStrategies } from '../../../src/cli/strategies.js';
import { DibsimError, ScenarioError } from '../../../src/errors.js';
import { normaliseSeed } from '../../../src/random/streams.js';

describe('option parsers', () => {
  it('lever(text) reads values, ranges, :int and strategy levers, with [id=…] steps in the path', () => {
    expect(lever('procurement.awardDelayDays=30,90,180')).toEqual({
      path: 'procurement.awardDelayDays',
      values: [30, 90, 180],
    });
    expect(lever('nations[id=DE].budgetEurPerYear=1e9..3e9')).toEqual({
      path: 'nations[id=DE].budgetEurPerYear',
      range: { min: 1e9, max: 3e9 },
    });
    expect(lever('pooled:frameworkLengthMonths=12..48:int')).toEqual({
      strategy: 'pooled',
      path: 'frameworkLengthMonths',
      range: { min: 12, max: 48, integer: true },
    });
    expect(lever('pooled:allocation=urgency,pro-rata')).toEqual({
      strategy: 'pooled',
      path: 'allocation',
      values: ['urgency', 'pro-rata'],
    });
    for (const bad of ['awardDelayDays', '=1,2', 'x=', 'x=5..1', 'x=1,,2', ':x=1']) {
      expect(() => lever(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('seed(text) reads a decimal number as the library reads that number, and other text as a word', () => {
    for (const same of ['42', '42.0', '042', '+42', '4.2e1', ' 42 ']) expect(seed(same), same).toBe('42');
    expect(seed('42')).toBe(normaliseSeed(42));
    expect(seed('-0.50')).toBe(normaliseSeed(-0.5));
    expect(seed('1234567890123456')).toBe('1234567890123456');
    for (const word of ['abc', '0x2a', '42a', '4 2', 'Infinity']) expect(seed(word), word).toBe(word);
    // Numbers a double cannot hold exactly would be another seed than the one typed.
    for (const bad of ['12345678901234567890', '1e400', '1e-400'])
      expect(() => seed(bad), bad).toThrow(/at most 15 significant digits, or a word such as run-/);
    expect(() => seed(' ')).toThrow(/--seed 2024/);
  });

  it('nonNegativeInt(hint) reads whole numbers ≥ 0 and names its own option in the error', () => {
    const workers = nonNegativeInt('e.g. 2 (0: no worker threads)');
    expect(workers('0')).toBe(0);
    expect(workers('3')).toBe(3);
    for (const bad of ['-1', '1.5', 'x'])
      expect(() => workers(bad), bad).toThrow('Use a whole number ≥ 0, e.g. 2 (0: no worker threads).');
  });

  it('shard("i/n") is 1-based on the command line and 0-based in the spec', () => {
    expect(shard('1/2')).toEqual({ index: 0, count: 2 });
    expect(shard('4/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', '1-2', '1/2/3', ''])
      expect(() => shard(bad), bad).toThrow(/--shard 2\/4/);
  });

  it('positiveInt and param reject what they cannot read, naming the fix', () => {
    const replications = positiveInt('e.g. 200');
    expect(replications('200')).toBe(200);
    for (const bad of ['0', '-3', '2.5', '1e3', 'x'])
      expect(() => replications(bad), bad).toThrow('Use a positive whole number, e.g. 200.');
    expect(() => positiveInt('e.g. 6 (the default)')('0')).toThrow(
      'Use a positive whole number, e.g. 6 (the default).',
    );
    expect(param('pooled:frameworkLengthMonths=84')).toEqual({
      strategy: 'pooled',
      path: 'frameworkLengthMonths',
      value: 84,
    });
    expect(param('switch:after=pooled')).toEqual({ strategy: 'switch', path: 'after', value: 'pooled' });
    expect(param('switch:before.module=bilateral').path).toBe('before.module');
    expect(() => param('pooled=84')).toThrow(/<strategy>:<parameter>=<value>/);
  });
});

describe('strategies from the command line', () => {
  it('resolveStrategies names built-ins and modules, and sets nested parameters', () => {
    const [pooled, mine] = resolveStrategies(
      ['pooled', 'mine=./strategies/custom.mjs#cheapest'],
      [param('pooled:frameworkLengthMonths=84'), param('mine:limits.maxQueueMonths=6')],
    );
    expect(pooled!.spec).toEqual({ module: 'pooled', name: 'pooled', params: { frameworkLengthMonths: 84 } });
    expect(mine!.spec).toMatchObject({
      name: 'mine',
      export: 'cheapest',
      params: { limits: { maxQueueMonths: 6 } },
    });
    expect(mine!.spec.module).toMatch(/^file:\/\/.*\/strategies\/custom\.mjs$/);
    expect(resolveStrategies(['./x/cheap.mjs'])[0]!.spec.name).toBe('cheap');
  });

  it('resolveStrategies refuses unknown names, repeated names and parameters of strategies not named', () => {
    expect(() => resolveStrategies(['pooledd'])).toThrow(
      /unknown strategy "pooledd"\. Did you mean "pooled"\? Use one of national-only, bilateral, pooled, switch/,
    );
    // A typo or another case gets the suggestion loadStrategy gives; a name far from all gets none.
    expect(() => resolveStrategies(['Pooled'])).toThrow('unknown strategy "Pooled". Did you mean "pooled"?');
    expect(() => resolveStrategies(['poold'])).toThrow('unknown strategy "poold". Did you mean "pooled"?');
    expect(() => resolveStrategies(['greedy'])).toThrow(/unknown strategy "greedy"\. Use one of/);
    expect(() => resolveStrategies(['pooled', 'pooled'])).toThrow(
      /"pooled" is used twice\. .*--strategy other=pooled/,
    );
    expect(() => resolveStrategies(['pooled'], [param('bilateral:x=1')])).toThrow(
      /no strategy is named "bilateral"/,
    );
  });
});

describe('strategy problems in the words of the command line', () => {
  const strategies = resolveStrategies(['pooled', 'mine=./x/cheap.mjs']);
  const fix = 'Do this.';

  it("inCliTerms writes parameters as <name>:<path> and references as --strategy <text>, without the library's strategy name", () => {
    const error = new ScenarioError(
      [
        {
          path: 'strategies[0].params.frameworkLengthMonths',
          message: 'must be >= 1 (strategy "pooled")',
          fix,
        },
        { path: 'strategies[1].module', message: 'is not a strategy (strategy "mine")', fix },
        { path: 'strategies[1].params', message: 'must be an object (strategy "mine")', fix },
      ],
      'runExperiment: options',
    );
    const mapped = inCliTerms(error, strategies) as ScenarioError;
    expect(mapped).toBeInstanceOf(ScenarioError);
    expect(mapped.source).toBe('strategies');
    expect(mapped.issues).toEqual([
      { path: 'pooled:frameworkLengthMonths', message: 'must be >= 1', fix },
      { path: '--strategy mine=./x/cheap.mjs', message: 'is not a strategy', fix },
      { path: '--strategy mine=./x/cheap.mjs', message: 'must be an object', fix },
    ]);
  });

  it('inCliTerms leaves other errors as they are', () => {
    const scenario = new ScenarioError(
      [{ path: 'firms[0].efficiency', message: 'must be > 0', fix }],
      'x.yaml',
    );
    const other = new DibsimError('INVALID_ARGUMENT', 'bad');
    expect(inCliTerms(scenario, strategies)).toBe(scenario);
    expect(inCliTerms(other, strategies)).toBe(other);
  });
});

describe('command lines printed back', () => {
  it('shellQuote leaves safe words and single-quotes the rest', () => {
    expect(shellQuote('small.json')).toBe('small.json');
    expect(shellQuote('/a/b.mjs#x')).toBe("'/a/b.mjs#x'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(dibsimCommand(['run', 'my file.yaml'])).toBe("dibsim run 'my file.yaml'");
  });

  it('withOption replaces --name value or --name=value, else appends it', () => {
    expect(withOption(['compare', '--resume', 'a'], '--resume', 'b')).toEqual(['compare', '--resume', 'b']);
    expect(withOption(['compare', '--resume=a'], '--resume', 'b')).toEqual(['compare', '--resume', 'b']);
    expect(withOption(['compare'], '--resume', 'b')).toEqual(['compare', '--resume', 'b']);
  });
});
