/**
 * `dibsim merge <shard files…>`: combines the results files of every shard into exactly the whole run's
 * result, printed and written like `dibsim compare`'s.
 *
 * @module
 */
import { Command, Option } from 'commander';
import { DibsimError } from '../../errors.js';
import { contentHash } from '../../experiment/canonical.js';
import { mergeShards } from '../../experiment/shards.js';
import { dibsimCommand } from '../command-line.js';
import { UsageError } from '../errors.js';
import { FORMATS, type Format } from '../options.js';
import { emitResult, withOutFolder } from '../output.js';
import { DEFAULT_SCENARIO, loadScenario } from '../scenario-source.js';

interface MergeCliOptions {
  readonly scenario?: string;
  readonly out?: string;
  readonly format: Format;
}

/** `dibsim merge`. */
export function mergeCommand(args: readonly string[]): Command {
  return new Command('merge')
    .description(
      'Merge the results files of every shard of an experiment (runs with --shard i/n) into the result of the whole run, bit for bit.',
    )
    .argument('<files...>', 'one results file per shard, in any order')
    .option(
      '--scenario <scenario>',
      `the scenario the shards ran: a file or built-in name (default: ${DEFAULT_SCENARIO})`,
    )
    .option(
      '--out <dir>',
      'write results.json, one CSV per table, manifest.json, charts and report.html there',
    )
    .addOption(new Option('--format <format>', 'what stdout gets').choices(FORMATS).default('table'))
    .option('--debug', 'print stack traces of errors')
    .addHelpText(
      'after',
      `
Examples:
  dibsim compare my.yaml --shard 1/2 --resume part1.jsonl     (on one machine)
  dibsim compare my.yaml --shard 2/2 --resume part2.jsonl     (on another)
  dibsim merge part1.jsonl part2.jsonl --scenario my.yaml --out results/my`,
    )
    .action(async (files: string[], options: MergeCliOptions) => {
      await withOutFolder(options.out, async () => {
        const result = inCliShardTerms(() => mergeShards(files));
        const { source, scenario } = await loadScenario(options.scenario);
        const ran = result.manifest.scenario;
        if (contentHash(scenario) !== ran.hash) {
          throw new UsageError(
            `${options.scenario === undefined ? `The default scenario, ${source},` : `--scenario ${source}`} is not the scenario the shards ran ("${ran.name}", hash ${ran.hash.slice(0, 12)}…; this one is "${scenario.name}"). Pass the shards' scenario file with --scenario <file>.`,
          );
        }
        await emitResult({
          result,
          scenario,
          format: options.format,
          out: options.out,
          command: dibsimCommand(args),
          scenarioSource: source,
        });
      });
    });
}

/**
 * Runs `merge`, naming shards in its errors as the command line does: the library's `shard { index: 1,
 * count: 2 }` (from 0) becomes `shard 2/2`, as `--shard 2/2` ran it, so a message never mixes the two;
 * the `shard` option becomes `--shard` (`--shard i/n`), and resuming with the same options and `resultsFile` becomes
 * the same command with `--resume`.
 */
function inCliShardTerms<T>(merge: () => T): T {
  try {
    return merge();
  } catch (error) {
    if (!(error instanceof DibsimError) || error.code !== 'INVALID_ARGUMENT') throw error;
    const message = error.message
      .replace(
        /shard \{ index: (\d+), count: (\d+) \}/g,
        (_, index: string, count: string) => `shard ${Number(index) + 1}/${count}`,
      )
      .replace(/shard \{ index, count \}/g, '--shard i/n')
      .replace(/the shard option/g, '--shard')
      .replace(/the same options and this file as resultsFile/g, 'the same command and --resume <this file>')
      .replace(/the same options and resultsFile/g, 'the same command and its --resume file');
    throw new DibsimError(error.code, message, { cause: error.cause });
  }
}
