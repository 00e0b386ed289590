import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { dibsimCommand, shellQuote, withOption } from '../../../src/cli/command-line.js';
import { lever, param, positiveInt, shard } from '../../../src/cli/options.js';
import { resolveStrategies } from '../../../src/cli/strategies.js';

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

  it('shard("i/n") is 1-based on the command line and 0-based in the spec', () => {
    expect(shard('1/2')).toEqual({ index: 0, count: 2 });
    expect(shard('4/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', '1-2', '1/2/3', ''])
      expect(() => shard(bad), bad).toThrow(/--shard 2\/4/);
  });

  it('positiveInt and param reject what they cannot read, naming the fix', () => {
    expect(positiveInt('200')).toBe(200);
    for (const bad of ['0', '-3', '2.5', '1e3', 'x'])
      expect(() => positiveInt(bad), bad).toThrow(/positive whole number/);
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
      /unknown strategy "pooledd"\. Use one of national-only, bilateral, pooled, switch/,
    );
    expect(() => resolveStrategies(['pooled', 'pooled'])).toThrow(
      /"pooled" is used twice\. .*--strategy other=pooled/,
    );
    expect(() => resolveStrategies(['pooled'], [param('bilateral:x=1')])).toThrow(
      /no strategy is named "bilateral"/,
    );
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
