import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { starterScenario } from '../../../src/cli/starter-scenario.js';
import { readScenarioFile } from '../../../src/io/scenario-file.js';
import { scenarioJsonSchema } from '../../../src/model/scenario-json-schema.js';
import { executeCaptured, MAIN, requireBuild, runCli, workDir } from './run-cli.js';

beforeAll(requireBuild);

/** The small random scenario, by absolute path (in-process runs share the test's working directory). */
const SMALL = join(workDir(), 'small.json');
/** An empty scenario file, next to it. */
const EMPTY = join(SMALL, '..', 'empty.yaml');
writeFileSync(EMPTY, '');

/** A stack trace line, which users must not see without --debug. */
const STACK = /\n\s+at /;

describe('dibsim: help, usage errors and exit code 2', () => {
  it('keeps the shebang in the built entry point, so the bin runs under node', () => {
    expect(readFileSync(MAIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('dibsim --help and dibsim compare --help show examples and exit 0', async () => {
    const dir = workDir();
    const top = await runCli(['--help'], dir);
    expect(top.code).toBe(0);
    for (const command of ['compare', 'run', 'sweep', 'validate', 'schema', 'init', 'merge']) {
      expect(top.stdout).toContain(command);
    }
    expect(top.stdout).toContain('Examples:');
    const compare = await runCli(['compare', '--help'], dir);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toMatch(/Examples:\n\s+dibsim compare/);
    expect(compare.stdout).toContain('--shard <i/n>');
  });

  const usageErrors: [string[], RegExp][] = [
    [
      ['compare', SMALL, '--replications', '0'],
      /--replications <n>.*'0' is invalid\. Use a positive whole number/,
    ],
    [['compare', SMALL, '--replications', '2.5'], /--replications <n>.*'2\.5' is invalid/],
    [['compare', SMALL, '--shard', '3/2'], /--shard <i\/n>.*'3\/2' is invalid\. Write shard i of n as i\/n/],
    [
      ['compare', SMALL, '--workers', '300'],
      /--workers <n>.*'300' is invalid\. Use at most 256; this machine has \d+ cores? \(os\.availableParallelism\(\)\)/,
    ],
    [['compare', SMALL, '--shard', '1-2'], /--shard <i\/n>.*e\.g\. --shard 2\/4/],
    [
      ['compare', SMALL, '--format', 'xml'],
      /--format <format>.*'xml' is invalid\. Allowed choices are table, json, csv/,
    ],
    [['compare', SMALL, '--workers', '-1'], /--workers <n>.*'-1' is invalid\. .*\(0: no worker threads\)/],
    [
      ['compare', SMALL, '--sensitivity', '-1'],
      /--sensitivity <n>.*'-1' is invalid\. Use a whole number ≥ 0, e\.g\. 10 replications per run \(0: no sensitivity\)\.\n/,
    ],
    [
      ['run', SMALL, '--replication', '-1'],
      /--replication <i>.*'-1' is invalid\. Use a whole number ≥ 0, the 0-based index a failure message names/,
    ],
    [['compare', SMALL, '--seed', '12345678901234567890'], /--seed <seed>.*at most 15 significant digits/],
    [
      ['compare', SMALL, '--sensitivity', '2', '--format', 'csv'],
      /--sensitivity with --format csv needs --out <dir>/,
    ],
    [
      ['sweep', SMALL, '--tornado', '--lever', 'procurement.awardDelayDays=30,90,180'],
      /--tornado .* give --lever procurement\.awardDelayDays exactly two values, low,high \(got 30,90,180\), or a range low\.\.high/,
    ],
    [
      ['sweep', SMALL, '--tornado', '--points', '4', '--lever', 'procurement.awardDelayDays=30,90'],
      /--points makes a Latin hypercube, which a tornado does not use/,
    ],
    [
      ['run', SMALL, '--replication', '5', '--out', 'r5', '--replications', '3'],
      /--replication replays one replication in this process and prints it; --replications, --out do not apply to it\. Drop them, or drop --replication/,
    ],
    [
      ['run', SMALL, '--strategy', 'x,y=pooled'],
      /--strategy x,y=pooled: the name "x,y" may hold only letters, digits, '_', '\.' and '-'\. Write e\.g\. --strategy mine=pooled\./,
    ],
    [
      ['compare', SMALL, '--sensitivity', '1'],
      /Use at least 2 replications per run \(one gives no confidence interval\)/,
    ],
    [
      ['compare', SMALL, '--sensitivity-levers', '0'],
      /Use a positive whole number, e\.g\. 6 \(the default\)/,
    ],
    [
      ['sweep', SMALL, '--kpi', 'fillRate', '--lever', 'procurement.awardDelayDays=30,90'],
      /--kpi chooses the KPIs of a tornado: add --tornado, or drop --kpi/,
    ],
    [
      ['sweep', SMALL, '--lever', 'pooled:frameworkLengthMonths=24,84', '--strategy', 'national-only'],
      /--lever pooled:frameworkLengthMonths: no strategy named "pooled" is compared \(national-only\)\. Add --strategy pooled, or drop the lever\./,
    ],
    [['compare', SMALL, '--out', SMALL], /--out .*small\.json is a file, not a folder\. .*Nothing was run\./],
    [
      ['compare', SMALL, '--out', join(SMALL, 'report')],
      /--out .*small\.json\/report cannot be the output folder: cannot mkdir .*: part of its path is a file, not a folder\. Check the path\. Nothing was run\./,
    ],
    [
      ['merge', SMALL, join(SMALL, '..', 'nope.jsonl'), '--scenario', SMALL],
      /mergeShards: .*nope\.jsonl does not exist\. Check the path/,
    ],
    [
      ['init', join(SMALL, 'starter.yaml')],
      /^error: cannot mkdir .*small\.json.* part of its path is a file, not a folder\. Check the path\.\n$/,
    ],
    [
      ['validate', join(SMALL, '..')],
      /: \(file\): is a directory, not a scenario file\. Fix: Give the path of a scenario file \(\.yaml, \.yml or \.json\)/,
    ],
    [
      ['validate', EMPTY],
      /empty\.yaml: \(file\): is empty\. Fix: .*\(`dibsim schema`, or scenarioJsonSchema\(\) in code\)/,
    ],
    [['sweep', SMALL, '--lever', 'procurement.awardDelayDays'], /--lever.*is invalid\. Write <path>=v1,v2/],
    [['compare', SMALL, '--param', 'pooled=3'], /--param.*is invalid\. Write <strategy>:<parameter>=<value>/],
    [
      ['compare', SMALL, '--strategy', 'pooledd'],
      /unknown strategy "pooledd"\. Did you mean "pooled"\? Use one of national-only, bilateral, pooled, switch/,
    ],
    [
      ['compare', SMALL, '--strategy', 'pooled', '--param', 'bilateral:x=1'],
      /no strategy is named "bilateral"/,
    ],
    [
      // Every strategy's problems at once, each named.
      [
        'compare',
        SMALL,
        ...['--strategy', 'pooled', '--param', 'pooled:overheadEurPerContract=-1'],
        ...['--strategy', 'bilateral', '--param', 'bilateral:among=XX'],
      ],
      /^strategies: pooled:overheadEurPerContract: must be >= 0 \(got -1\)\. Fix: .*\nstrategies: bilateral:among: unknown membership "XX"\. Fix: .*\n\(2 problems; nothing was run\)\n$/,
    ],
    [
      // A strategy parameter set by a lever, found at a design point before anything runs.
      ['sweep', SMALL, '--strategy', 'pooled', '--lever', 'pooled:frameworkLengthMonths=24,-5'],
      /^strategies: pooled:frameworkLengthMonths: must be >= 1 \(got -5\)\. Fix: .*\n\(1 problem; nothing was run\)\n$/,
    ],
    [
      // A scenario value set by a lever: which design point, in the command's words (no runSweep).
      ['sweep', SMALL, '--lever', 'procurement.awardDelayDays=30,-5'],
      /^the scenario at design point 2 of 2 \(procurement\.awardDelayDays = -5\): procurement\.awardDelayDays: must be >= 0 \(got -5\)\. Fix: .*\n\(1 problem; nothing was run\)\n$/,
    ],
    [
      ['sweep', SMALL, '--tornado', '--lever', 'procurement.awardDelayDays=-5,30'],
      /^the scenario with procurement\.awardDelayDays at its low value, -5: procurement\.awardDelayDays: must be >= 0/,
    ],
    [
      // A lever's error names it as the command line gave it, not as the library's options.levers[i].
      ['sweep', SMALL, '--lever', 'procurement.awardDelayDayz=30,90'],
      /^error: --lever procurement\.awardDelayDayz: path "procurement\.awardDelayDayz" has no field "awardDelayDayz" \(at step 2\)\. Did you mean "awardDelayDays"\?\n$/,
    ],
    [
      [
        'sweep',
        SMALL,
        '--tornado',
        ...[
          '--lever',
          'procurement.awardDelayDays=30,90',
          '--lever',
          'nations[id=ZZ].budgetEurPerYear=1e9,2e9',
        ],
      ],
      /^error: --lever nations\[id=ZZ\]\.budgetEurPerYear: path "nations\[id=ZZ\]\.budgetEurPerYear" has no element \[id=ZZ\] \(at step 2\)\. The ids there: AA\.\n$/,
    ],
    [['compare', SMALL, '--shard', '1/2'], /--shard 1\/2 needs a file .* --resume shard-1-of-2\.jsonl/],
    // A shard prints its file's path: what would shape the printed result is refused, not ignored.
    [
      ['compare', SMALL, '--shard', '1/2', '--resume', 'p1.jsonl', '--format', 'json'],
      /^error: --shard writes its replications to a file and prints the path, so --format does not apply\. Drop it here and give it to dibsim merge/,
    ],
    [
      ['run', SMALL, '--shard', '1/2', '--resume', 'p1.jsonl', '--sensitivity-levers', '3'],
      /^error: --shard runs part of an experiment, so --sensitivity-levers does not apply\. Drop it here; a sensitivity runs on its own with dibsim sweep --tornado\.\n$/,
    ],
    [
      ['run', SMALL, '--strategy', 'pooled', '--strategy', 'bilateral'],
      /run takes one --strategy .* Use dibsim compare/,
    ],
    [
      ['sweep', SMALL, '--lever', 'procurement.awardDelayDays=30..90', '--replications', '2'],
      /is a range: add --points <n>/,
    ],
    [
      ['compare', 'missing.yaml'],
      /scenario "missing\.yaml" is neither a file nor a built-in scenario \([^)]*\)\. Give the path .* dibsim init missing\.yaml/,
    ],
    [
      ['compare', 'europe155mm'],
      /scenario "europe155mm" is neither a file nor a built-in scenario \(europe-155mm, eu-1m-backtest\)\. Did you mean "europe-155mm"\? Otherwise give the path/,
    ],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  const titled = usageErrors.map(([args, message]) => {
    const dir = join(SMALL, '..');
    const title = args.map((a) => (a === dir ? '<dir>' : a.replace(`${dir}/`, ''))).join(' ');
    return [title, args, message] as const;
  });
  it.each(titled)('dibsim %s exits 2 and says what to fix (in process)', async (_title, args, message) => {
    const { code, stderr, stdout } = await executeCaptured(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(STACK);
    expect(stdout).toBe('');
  });

  it('a usage error from the built CLI exits 2 with the message on stderr and nothing on stdout', async () => {
    const run = await runCli(['compare', 'small.json', '--replications', 'many'], workDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--replications <n>.*'many' is invalid\. Use a positive whole number/);
    expect(run.stdout).toBe('');
  });
});

describe('dibsim validate, schema and init', () => {
  it('validate prints "ok" and a summary for a valid file', async () => {
    const run = await runCli(['validate', 'small.json'], workDir());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^ok: small\.json\nscenario "small": 2025-01-01 to 2027-01-01\n1 nation \(AA\), 1 firm/,
    );
  });

  it('validate reports a typo with the field it meant and an unknown nation, as file: path: message. Fix: … (exit 2)', async () => {
    const dir = workDir();
    const data = JSON.parse(readFileSync(join(dir, 'small.json'), 'utf8'));
    data.firms[0].efficency = data.firms[0].efficiency;
    delete data.firms[0].efficiency;
    data.pledges[0].donors[0].nation = 'ZZ';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(data));
    const run = await runCli(['validate', 'bad.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^bad\.json: firms\[0\]\.efficency: unknown field 'efficency'; did you mean 'efficiency'\? Fix: /,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^bad\.json: pledges\[0\]\.donors\[0\]\.nation: unknown nation 'ZZ'.* Fix: .*add a nation with id 'ZZ'/,
      ),
    );
    expect(lines.at(-1)).toBe('(3 problems; nothing was run)');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('validate --debug adds the stack trace (in process)', async () => {
    const file = join(workDir(), 'broken.yaml');
    writeFileSync(file, 'name: [unclosed\n');
    const plain = await executeCaptured(['validate', file]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(
      /broken\.yaml: \(line \d+, column \d+\): is not valid YAML: .*\. Fix: Fix the syntax at that line\./,
    );
    expect(plain.stderr).not.toMatch(STACK);
    const debug = await executeCaptured(['validate', file, '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK);
  });

  it('schema prints the JSON Schema of scenario files', async () => {
    const run = await runCli(['schema'], workDir());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it('init writes the commented starter scenario, which validates; it refuses to overwrite without --force (in process)', async () => {
    const file = join(workDir(), 'start.yaml');
    // The command prints its hint on process.stdout itself: keep it out of the test log, and check it.
    const printed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    onTestFinished(() => printed.mockRestore());
    expect((await executeCaptured(['init', file])).code).toBe(0);
    expect(String(printed.mock.calls[0]?.[0])).toMatch(
      /^Wrote .*start\.yaml\. Check it with: dibsim validate /,
    );
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(starterScenario(file));
    expect(written.split('\n').filter((l) => l.trimStart().startsWith('#')).length).toBeGreaterThan(10);
    // Its header's commands name the file written, not a scenario.yaml that may not exist.
    expect(written).toContain(`#   dibsim validate ${file} every problem at once`);
    expect(written).not.toContain('scenario.yaml ');
    const scenario = await readScenarioFile(file);
    expect(scenario.nations.map((n) => n.id)).toEqual(['AA', 'BB']);
    expect(scenario.shocks).toHaveLength(1);

    writeFileSync(file, 'mine\n');
    const again = await executeCaptured(['init', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/start\.yaml exists\. .*add --force to overwrite it/);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect((await executeCaptured(['init', file, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(starterScenario(file));
    const text = await executeCaptured(['init', file.replace(/\.yaml$/, '.txt')]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/init writes YAML: name the file with \.yaml or \.yml/);
  });

  it('init cases/base.yaml creates the missing folders, as its help shows', async () => {
    const dir = workDir();
    const run = await runCli(['init', 'cases/new/base.yaml'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = readFileSync(join(dir, 'cases', 'new', 'base.yaml'), 'utf8');
    expect(written).toBe(starterScenario('cases/new/base.yaml'));
    expect(written).toContain('#   dibsim validate cases/new/base.yaml every problem at once');
    expect(written).toContain('#   dibsim compare cases/new/base.yaml  national-only vs bilateral');
  });

  it('a closed stdout (dibsim schema | head -1) ends quietly, and a report folder is still written in full', async () => {
    const dir = workDir();
    const closed = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [MAIN, ...args], {
          cwd: dir,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        // The reader goes away before the command writes anything: every write to stdout fails with EPIPE.
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
    expect(await closed(['schema'])).toEqual({ code: 0, stderr: '' });
    const args = ['compare', 'small.json', '--replications', '1', '--workers', '0', '--progress', 'none'];
    const compare = await closed([...args, '--format', 'json', '--out', 'out']);
    expect(compare.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(compare.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
