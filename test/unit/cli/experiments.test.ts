import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { resultsToJson } from '../../../src/report/json.js';
import { randomSmallScenario } from '../experiment/helpers.js';
import { type CliRun, MAIN, requireBuild, runCli, STRATEGIES, workDir } from './run-cli.js';

beforeAll(requireBuild);

/** Runs a `dibsim …` command line as printed by the CLI (shell-quoted) with the built CLI, in `cwd`. */
function runPrinted(command: string, cwd: string): Promise<CliRun> {
  expect(command.startsWith('dibsim ')).toBe(true);
  const line = `"${process.execPath}" "${MAIN}" ${command.slice('dibsim '.length)}`;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command printed on the line after `heading` in `text`. */
function printedCommand(text: string, heading: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(heading));
  expect(i, `no "${heading}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  return lines[i + 1]!.trim();
}

describe('dibsim run/compare: output formats', () => {
  it('--format json prints exactly resultsToJson of the same experiment, with null for what cannot be estimated', async () => {
    const dir = workDir();
    const args = [
      'run',
      'small.json',
      '--strategy',
      'national-only',
      '--replications',
      '1',
      '--workers',
      '0',
    ];
    const run = await runCli([...args, '--format', 'json'], dir);
    expect(run.stderr).toMatch(/1 replication × 1 strategy in/);
    expect(run.code).toBe(0);
    const expected = await runExperiment({
      scenario: randomSmallScenario(),
      strategies: [{ module: 'national-only', name: 'national-only' }],
      replications: 1,
      seed: '2024',
      seriesEvery: 'quarter', // the CLI's default (--series-every)
    });
    expect(run.stdout).toBe(resultsToJson(expected));
    expect(JSON.parse(run.stdout).manifest.seriesEvery).toBe('quarter');
    const json = JSON.parse(run.stdout);
    const [strategy] = json.strategies;
    // One replication: no confidence interval, so null rather than NaN (which JSON cannot hold).
    expect(strategy.kpis.fillRate.halfWidth).toBeNull();
    expect(expected.strategies[0]?.kpis.fillRate?.halfWidth).toBeNaN();
    // Censored events: the fraction reached and the Kaplan–Meier median.
    const met = strategy.censored['pledges.p1.met'];
    expect(met).toMatchObject({ n: 1, fractionReached: expect.any(Number), median: expect.any(Object) });
    expect(Object.keys(met)).toEqual(expect.arrayContaining(['reached', 'medianDates']));
  });

  it('--format csv prints the KPI table; --out writes results.json, manifest.json, the CSVs, charts and report.html; shards 1/2 + 2/2 merged give the same results.json', async () => {
    const dir = workDir();
    const common = ['small.json', '--replications', '6', '--seed', '11'];
    const whole = await runCli(
      ['compare', ...common, '--workers', '0', '--format', 'csv', '--out', 'out'],
      dir,
    );
    expect(whole.code).toBe(0);
    const rows = csvParse(whole.stdout);
    expect(rows.columns.slice(0, 6)).toEqual(['kpi', 'strategy', 'mean', 'lower', 'upper', 'halfWidth']);
    const fill = rows.filter((r) => r.kpi === 'fillRate').map((r) => r.strategy);
    expect(fill).toEqual(['national-only', 'bilateral', 'pooled']);
    expect(rows.every((r) => r.n === '6')).toBe(true);
    expect(whole.stderr).toMatch(/Report: out\/report\.html/);

    const out = join(dir, 'out');
    const files = readdirSync(out);
    for (const f of ['results.json', 'manifest.json', 'kpis.csv', 'report.html', 'charts'])
      expect(files).toContain(f);
    expect(readdirSync(join(out, 'charts')).some((f) => f.endsWith('.svg'))).toBe(true);
    expect(readFileSync(join(out, 'kpis.csv'), 'utf8')).toBe(whole.stdout);

    const first = await runCli(
      ['compare', ...common, '--workers', '0', '--shard', '1/2', '--resume', 'a.jsonl'],
      dir,
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /Shard 1\/2 done: 3 replications in a\.jsonl\. .*dibsim merge .* --scenario small\.json/,
    );
    const second = await runCli(
      ['compare', ...common, '--workers', '1', '--shard', '2/2', '--resume', 'b.jsonl'],
      dir,
    );
    expect(second.code).toBe(0);
    const merged = await runCli(
      ['merge', 'b.jsonl', 'a.jsonl', '--scenario', 'small.json', '--format', 'json'],
      dir,
    );
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(readFileSync(join(out, 'results.json'), 'utf8'));

    // Shards counted from 1 throughout, as --shard i/n counts them.
    const missing = await runCli(['merge', 'a.jsonl', '--scenario', 'small.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: mergeShards: shard 2/2 is missing. Pass every shard file.\n');
    const twice = await runCli(['merge', 'a.jsonl', 'a.jsonl', '--scenario', 'small.json'], dir);
    expect(twice.stderr).toMatch(/a\.jsonl and a\.jsonl are both shard 1\/2\. Pass each shard once\.\n$/);

    const wrongScenario = await runCli(['merge', 'a.jsonl', 'b.jsonl'], dir);
    expect(wrongScenario.code).toBe(2);
    // No --scenario given: the message names the default rather than an option the user did not type.
    expect(wrongScenario.stderr).toMatch(
      /^error: The default scenario, europe-155mm, is not the scenario the shards ran \("small"/,
    );
    const other = await runCli(['merge', 'a.jsonl', 'b.jsonl', '--scenario', 'europe-155mm'], dir);
    expect(other.stderr).toMatch(/^error: --scenario europe-155mm is not the scenario the shards ran/);
  });
});

describe('dibsim merge and --resume: files they must not use', () => {
  it("--resume refuses a one-line file without its newline that is no results file, and leaves it; merge says what to do with an empty shard file or a whole run's file, in the command's words", async () => {
    const dir = workDir();
    const content = '{"scenario":"my precious minified config"}';
    writeFileSync(join(dir, 'precious.json'), content);
    const common = ['small.json', '--replications', '2', '--workers', '0', '--progress', 'none'];
    const resumed = await runCli(['run', ...common, '--resume', 'precious.json'], dir);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toBe(
      'error: precious.json is not a dibsim results file (it holds no complete line, and does not start as a results file\'s header, {"type":"dibsim-experiment",…). Choose another file.\n',
    );
    expect(readFileSync(join(dir, 'precious.json'), 'utf8')).toBe(content);

    writeFileSync(join(dir, 'empty.jsonl'), '');
    const empty = await runCli(['merge', 'empty.jsonl', '--scenario', 'small.json'], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      'error: mergeShards: empty.jsonl is empty: the run of that shard stopped before it wrote its first line, so it holds no replications. Rerun that shard with the same command and its --resume file, then merge.\n',
    );
    expect((await runCli(['run', ...common, '--resume', 'whole.jsonl'], dir)).code).toBe(0);
    const whole = await runCli(['merge', 'whole.jsonl', '--scenario', 'small.json'], dir);
    expect(whole.code).toBe(2);
    expect(whole.stderr).toBe(
      'error: mergeShards: whole.jsonl is not a shard file (no manifest.shard): a run of every replication wrote it, without --shard. Pass the files written by runs with --shard i/n, one per shard; or, to finish that whole run, resume it with the same command and --resume <this file> instead of merging.\n',
    );
  });
});

describe('dibsim sweep', () => {
  it('runs a grid over a scenario lever and a strategy lever, prints the sweep as JSON and reports its first point with --out', async () => {
    const dir = workDir();
    const run = await runCli(
      [
        'sweep',
        'small.json',
        '--lever',
        'procurement.awardDelayDays=30,180',
        '--lever',
        'pooled:frameworkLengthMonths=12,48',
        '--strategy',
        'pooled',
        '--replications',
        '3',
        '--workers',
        '0',
        '--format',
        'json',
        '--out',
        'out',
      ],
      dir,
    );
    expect(run.stderr).toMatch(/4 design points in/);
    expect(run.code, run.stderr).toBe(0);
    const sweep = JSON.parse(run.stdout);
    // The report holds the first point, which ran the scenario with awardDelayDays 30.
    const reported = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    expect(reported).toEqual(sweep.points[0].result);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
    expect(sweep.status).toBe('complete');
    expect(sweep.levers).toEqual(['procurement.awardDelayDays', 'pooled:frameworkLengthMonths']);
    // resultsToJson sorts keys: read the values by lever name.
    const values = sweep.points.map((p: { values: Record<string, number> }) =>
      sweep.levers.map((l: string) => p.values[l]),
    );
    expect(values).toEqual([
      [30, 12],
      [30, 48],
      [180, 12],
      [180, 48],
    ]);
    const params = sweep.points.map(
      (p: { result: { manifest: { strategies: { params: unknown }[] } } }) =>
        p.result.manifest.strategies[0]!.params,
    );
    expect(params).toEqual([12, 48, 12, 48].map((frameworkLengthMonths) => ({ frameworkLengthMonths })));
  });

  it('prints the KPI table of the first point of a scenario-lever sweep as CSV', async () => {
    const args = ['sweep', 'small.json', '--lever', 'procurement.awardDelayDays=30,180'];
    const run = await runCli(
      [...args, '--replications', '2', '--workers', '0', '--format', 'csv'],
      workDir(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(csvParse(run.stdout).length).toBeGreaterThan(0);
  });

  it('--tornado prints the bars and reports the base experiment (every lever at its scenario value) with --out', async () => {
    const dir = workDir();
    const args = ['sweep', 'small.json', '--tornado', '--lever', 'procurement.awardDelayDays=30,180'];
    const options = ['--kpi', 'fillRate', '--replications', '3', '--workers', '0', '--out', 'out'];
    const run = await runCli([...args, ...options, '--format', 'json', '--progress', 'lines'], dir);
    expect(run.code, run.stderr).toBe(0);
    // One base experiment plus low and high for the lever.
    expect(run.stderr).toMatch(/progress 3\/3 experiments/);
    const tornado = JSON.parse(run.stdout);
    const series = tornado.kpis.fillRate['national-only'];
    expect(series.bars.map((b: { lever: string }) => b.lever)).toEqual(['procurement.awardDelayDays']);
    const base = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    expect(base.strategies[0].kpis.fillRate.mean).toBe(series.baseMean);
  });
});

describe('dibsim compare --sensitivity', () => {
  const scenario = new URL('../../../examples/scenarios/two-nations.yaml', import.meta.url).pathname;
  const args = ['compare', scenario, '--strategy', 'national-only', '--replications', '2'];
  const extra = ['--workers', '0', '--sensitivity', '2', '--sensitivity-levers', '1'];

  it("adds a tornado over the scenario's widest gap parameters to the report, and to the JSON on stdout as its sensitivity field", async () => {
    const dir = workDir();
    const run = await runCli([...args, ...extra, '--out', 'out', '--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/sensitivity over 1 gap parameter \(2 replications per run\)/);
    const printed = JSON.parse(run.stdout);
    expect(printed.strategies[0].name).toBe('national-only');
    const tornado = JSON.parse(readFileSync(join(dir, 'out', 'tornado.json'), 'utf8'));
    expect(printed.sensitivity).toEqual(tornado);
    const { sensitivity: _, ...experiment } = printed;
    expect(experiment).toEqual(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')));
    const bars = tornado.kpis.fillRate['national-only'].bars;
    expect(bars).toHaveLength(1);
    expect(csvParse(readFileSync(join(dir, 'out', 'tornado.csv'), 'utf8'))).toHaveLength(2);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('Sensitivity (one lever at a time)');
    expect(html).toContain(bars[0].lever);
  });

  it('without --out, the table on stdout ends with the sensitivity', async () => {
    const run = await runCli([...args, ...extra], workDir());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /\nSensitivity to the gap parameters, one at a time from low to high \(paired changes\):\n\nfillRate, national-only \(at the scenario's values: [\d.]+\)\n\s+lever\s+low → high/,
    );
    expect(run.stdout).toMatch(/\ntotalSpendEur, national-only/);
  });
});

describe('dibsim: a strategy module in TypeScript', () => {
  const typed = fileURLToPath(new URL('../experiment/fixtures/typed-strategy.ts', import.meta.url));
  const args = ['run', 'small.json', '--replications', '4', '--workers', '2', '--progress', 'none'];

  it('says how to load it when Node cannot (compile it, or run under tsx)', async () => {
    const run = await runCli([...args, '--strategy', typed], workDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^strategies: --strategy .*typed-strategy\.ts: .* failed to load: TypeError: Unknown file extension "\.ts" for .*typed-strategy\.ts\. Fix: Node cannot load that file type by itself: compile the module to JavaScript, or run under tsx \(.*NODE_OPTIONS='--import tsx' npx dibsim …`\)\./,
    );
  });

  it("runs on worker threads under tsx, which register tsx themselves (Node 20's --import does not reach them)", async () => {
    const dir = workDir();
    const json = ['--format', 'json'];
    // By file URL: the run's folder has no node_modules to find 'tsx' in.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const run = await runCli([...args, ...json, '--strategy', typed], dir, undefined, {
      NODE_OPTIONS: `--import ${tsx}`,
    });
    expect(run.code, run.stderr).toBe(0);
    // The module is national-only under another name: the same KPIs, replication for replication.
    const reference = await runCli([...args, ...json, '--strategy', 'national-only'], dir);
    const kpis = (r: CliRun) => JSON.stringify(JSON.parse(r.stdout).strategies[0].kpis);
    expect(kpis(run)).toBe(kpis(reference));
    // Named as TypeScript sources import each other, ./x.js for x.ts on disk.
    const asJs = await runCli(
      [...args, ...json, '--strategy', typed.replace(/\.ts$/, '.js')],
      dir,
      undefined,
      { NODE_OPTIONS: `--import ${tsx}` },
    );
    expect(asJs.code, asJs.stderr).toBe(0);
    expect(kpis(asJs)).toBe(kpis(reference));
  });

  it('names a module that is not there by its --strategy text', async () => {
    const run = await runCli([...args, '--strategy', './nope.mjs'], workDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^strategies: --strategy \.\/nope\.mjs: cannot find "file:.*\/nope\.mjs" .*Fix: Check the path.*\n\(1 problem; nothing was run\)/,
    );
  });
});

describe('dibsim: failures and interruptions', () => {
  it('a failing replication exits 1 with its seed and replication, and the printed replay command reproduces it with a stack trace', async () => {
    const dir = workDir();
    const strategy = `${STRATEGIES}#throwingAt`;
    const args = ['run', 'small.json', '--strategy', strategy, '--param', 'throwingAt:replication=2'];
    const run = await runCli([...args, '--replications', '4', '--workers', '0', '--seed', '5'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Replication 2 of strategy "throwingAt" failed \(seed 5, scenario [0-9a-f]{12}\)/,
    );
    expect(run.stderr).toMatch(/RangeError: planned failure in replication 2/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const replay = printedCommand(run.stderr, 'Replay it alone');
    expect(replay).toMatch(
      /^dibsim run small\.json --strategy .*#throwingAt.* --seed 5 --replication 2 --debug$/,
    );
    const again = await runPrinted(replay, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/RangeError: planned failure in replication 2\n\s+at /);
  });

  it("a sweep's failing replication names its design point, and says how to see the stack (not the API's replay)", async () => {
    const strategy = `${STRATEGIES}#throwingAt`;
    const args = ['sweep', 'small.json', '--strategy', strategy, '--param', 'throwingAt:replication=9'];
    args.push('--lever', 'throwingAt:replication=5,1');
    const run = await runCli([...args, '--replications', '3', '--workers', '0', '--seed', '5'], workDir());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Replication 1 of strategy "[^"]+" failed at design point 2 of the sweep \(seed 5, scenario [0-9a-f]{12}\):\n {2}RangeError: planned failure in replication 1\nRerun the command with --debug for the stack trace\./,
    );
    expect(run.stderr).not.toMatch(/replay\(/);
  });

  it('a failed run removes the --out folders it created while they are empty, and keeps folders that were there', async () => {
    const dir = workDir();
    const strategy = `${STRATEGIES}#throwingAt`;
    const failing = ['run', 'small.json', '--strategy', strategy, '--param', 'throwingAt:replication=1'];
    const common = ['--replications', '3', '--workers', '0'];
    const created = await runCli([...failing, ...common, '--out', 'new/report'], dir);
    expect(created.code, created.stderr).toBe(1);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    mkdirSync(join(dir, 'kept'));
    const existing = await runCli([...failing, ...common, '--out', 'kept/report'], dir);
    expect(existing.code, existing.stderr).toBe(1);
    expect(existsSync(join(dir, 'kept', 'report'))).toBe(false);
    expect(existsSync(join(dir, 'kept'))).toBe(true);
    // A shard's replications go into its --out folder: a failed shard keeps them, and so the folder.
    const shard = await runCli(
      [...failing, ...common, '--shard', '1/1', '--out', 'shard', '--progress', 'none'],
      dir,
    );
    expect(shard.code, shard.stderr).toBe(1);
    expect(readdirSync(join(dir, 'shard'))).toEqual(['shard-1-of-1.jsonl']);
  });

  it('Ctrl-C exits 130, keeps finished replications and prints a resume command; resuming equals an uninterrupted run', async () => {
    const dir = workDir();
    const args = ['run', 'small.json', '--replications', '400', '--workers', '0', '--format', 'json'];
    const interrupted = await runCli(
      [...args, '--progress', 'lines', '--resume', 'r.jsonl'],
      dir,
      /progress \d+\/400/,
    );
    expect(interrupted.stderr).toMatch(
      /Interrupted after \d+ of 400 replications\. Finished replications are saved in r\.jsonl\./,
    );
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toBe('');
    const kept =
      readFileSync(join(dir, 'r.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l !== '').length - 1;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(400);
    const resume = printedCommand(interrupted.stderr, 'Resume with:');
    expect(resume).toContain('--resume r.jsonl');
    const resumed = await runPrinted(resume, dir);
    expect(resumed.code).toBe(0);
    const uninterrupted = await runCli(args, dir);
    expect(uninterrupted.code).toBe(0);
    expect(resumed.stdout).toBe(uninterrupted.stdout);
    expect(JSON.parse(resumed.stdout).replications).toBe(400);
  });

  it('after --resume, the timing line says how many replications ran now and how many were read back from the file', async () => {
    const dir = workDir();
    const args = ['run', 'small.json', '--replications', '4', '--workers', '0', '--resume', 'r.jsonl'];
    const fresh = await runCli(args, dir);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/^4 replications × 1 strategy in [\d.]+ s \(this thread\)$/m);
    // Every replication is in the file: none runs again.
    const again = await runCli(args, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(
      /^4 replications × 1 strategy \(0 run now, 4 read back from r\.jsonl\) in [\d.]+ s \(this thread\)$/m,
    );
    expect(again.stdout).toBe(fresh.stdout);
    // Keep the header and the first two records: two run now.
    const file = join(dir, 'r.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${lines.slice(0, 3).join('\n')}\n`);
    const half = await runCli(args, dir);
    expect(half.code, half.stderr).toBe(0);
    expect(half.stderr).toMatch(
      /^4 replications × 1 strategy \(2 run now, 2 read back from r\.jsonl\) in [\d.]+ s \(this thread\)$/m,
    );
    expect(half.stdout).toBe(fresh.stdout);
  });

  it('without --resume, Ctrl-C keeps the finished replications in a temporary file and prints the command that resumes from it', async () => {
    const dir = workDir();
    const args = ['run', 'small.json', '--replications', '400', '--workers', '0', '--format', 'json'];
    const interrupted = await runCli([...args, '--progress', 'lines'], dir, /progress \d+\/400/);
    expect(interrupted.code).toBe(130);
    const saved = /Finished replications are saved in (\S+replications\.jsonl)\./.exec(interrupted.stderr);
    expect(saved, interrupted.stderr).not.toBeNull();
    expect(existsSync(saved![1]!)).toBe(true);
    const resume = printedCommand(interrupted.stderr, 'Resume with:');
    expect(resume).toContain(`--resume ${saved![1]}`);
    const resumed = await runPrinted(resume, dir);
    expect(resumed.code).toBe(0);
    const uninterrupted = await runCli(args, dir);
    expect(resumed.stdout).toBe(uninterrupted.stdout);
    rmSync(dirname(saved![1]!), { recursive: true, force: true });
  });
});

describe('dibsim: Ctrl-C after the run, while the results are written', () => {
  it('exits 130 and prints where the replications are and the command that writes the results from them', async () => {
    const dir = workDir();
    const args = ['compare', 'small.json', '--replications', '4', '--workers', '0', '--out', 'out'];
    // The line that ends the run comes just before the report, whose charts take a while to draw.
    const interrupted = await runCli([...args, '--progress', 'none'], dir, / strategies in [\d.]+ s /);
    expect(interrupted.stderr).toMatch(
      /\nInterrupted while writing the results\. The finished replications are kept in (\S+replications\.jsonl); write the results without running them again:\n/,
    );
    expect(interrupted.code).toBe(130);
    const kept = /kept in (\S+); write/.exec(interrupted.stderr)![1]!;
    const write = printedCommand(interrupted.stderr, 'Interrupted while writing the results');
    expect(write).toContain(`--resume ${kept}`);
    const written = await runPrinted(write, dir);
    expect(written.code, written.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
    rmSync(dirname(kept), { recursive: true, force: true });
  });
});

describe('dibsim: results that cannot be written', () => {
  it('keeps the finished replications when the report cannot be written after the run, and the printed command writes it from them', async () => {
    const dir = workDir();
    // The --out folder itself can be made (checked before the run); its charts folder cannot.
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'charts'), 'in the way');
    const args = ['compare', 'small.json', '--replications', '2', '--workers', '0', '--out', 'out'];
    const failed = await runCli(args, dir);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/cannot create the folder out\/charts/);
    const kept = /The finished replications are kept in (\S+)\. Once that is fixed/.exec(failed.stderr);
    expect(kept, failed.stderr).not.toBeNull();
    expect(existsSync(kept![1]!)).toBe(true);
    const resume = printedCommand(failed.stderr, 'without running them again');
    expect(resume).toContain(`--resume ${kept![1]}`);
    rmSync(join(dir, 'out', 'charts'));
    const resumed = await runPrinted(resume, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    // The same results as the failed run printed; where the report went is a message, on stderr.
    expect(resumed.stdout).toBe(failed.stdout);
    expect(resumed.stderr).toMatch(/\nWrote \d+ files to out\nReport: out\/report\.html\n$/);
    rmSync(dirname(kept![1]!), { recursive: true, force: true });
  });
});

describe('dibsim: an --out folder used again', () => {
  it("a second compare into the same --out removes the first report's charts of a nation it lacks and says so, and keeps the user's files", async () => {
    const dir = workDir();
    const scenario = (name: string) =>
      new URL(`../../../examples/scenarios/${name}.yaml`, import.meta.url).pathname;
    const common = ['--replications', '2', '--workers', '0', '--out', 'out'];
    const first = await runCli(['compare', scenario('three-nations'), ...common], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'charts', 'stock-CC.png'))).toBe(true);
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
    const second = await runCli(['compare', scenario('two-nations'), ...common], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(
      /\nWrote \d+ files to out \(removed [1-9]\d* left by the previous report\)\nReport: out\/report\.html\n$/,
    );
    expect(second.stdout).not.toContain('Wrote');
    const charts = readdirSync(join(dir, 'out', 'charts'));
    expect(charts).toContain('stock-BB.png');
    expect(charts.filter((f) => f.includes('CC'))).toEqual([]);
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('dibsim compare on the built-in scenario', () => {
  it('compares the three strategies on europe-155mm in worker threads and prints the KPI table', async () => {
    const dir = workDir();
    const run = await runCli(['compare', '--replications', '2', '--workers', '2'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/scenario europe-155mm \(2022-02-24 to/);
    expect(run.stdout).toMatch(/national-only\s+bilateral\s+pooled/);
    expect(run.stdout).toContain('Paired differences against national-only');
    expect(run.stderr).toMatch(/2 replications × 3 strategies in [\d.]+ s \(2 worker threads\)/);
    expect(existsSync(join(dir, 'dibsim-out'))).toBe(false);
  });
});
