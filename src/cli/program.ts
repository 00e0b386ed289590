/**
 * The `dibsim` command: its subcommands, global help with examples, and how commander's own errors map to
 * exit codes.
 *
 * @module
 */
import { Command, CommanderError, type OutputConfiguration } from 'commander';
import { dibsimVersion } from '../experiment/manifest.js';
import { compareCommand, runCommand } from './commands/experiment.js';
import { mergeCommand } from './commands/merge.js';
import { initCommand, schemaCommand, validateCommand } from './commands/scenario-files.js';
import { sweepCommand } from './commands/sweep.js';
import { describeFailure, EXIT } from './errors.js';

/**
 * The program for `args` (the arguments after `dibsim`, used to print resume and replay commands).
 * Commander's usage errors throw a `CommanderError` whose `exitCode` is {@link EXIT.usage}.
 */
export function createProgram(args: readonly string[], output?: OutputConfiguration): Command {
  const program = new Command('dibsim')
    .description(
      'Simulate the defence industrial base (factories, stockpiles, contracts, demand) and compare national-only, bilateral and PESCO-style pooled procurement with seeded Monte Carlo experiments.',
    )
    .version(dibsimVersion(), '-V, --version')
    .configureOutput(output ?? {})
    .showHelpAfterError('(add --help for usage and examples)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride((error) => {
      // Help and version exit 0; every other commander error is a usage error.
      throw Object.assign(error, { exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage });
    })
    .addHelpText(
      'after',
      `
Results go to stdout (--format table|json|csv); progress and messages to stderr.
Exit codes: 0 success, 1 a run failed (the message says how to replay it), 2 bad input or usage, 130 interrupted.

Examples:
  dibsim compare                                 compare the three strategies on the built-in scenario
  dibsim compare --out results/base              … and write tables, charts and report.html there
  dibsim init my.yaml && dibsim validate my.yaml write a commented starter scenario and check it
  dibsim run my.yaml --strategy pooled --replications 50 --format json
  dibsim sweep --lever procurement.awardDelayDays=30,90,180
  dibsim schema > scenario.schema.json           JSON Schema for editors
Run dibsim <command> --help for each command's options and examples.`,
    );
  for (const command of [
    compareCommand(args),
    runCommand(args),
    sweepCommand(args),
    validateCommand(),
    schemaCommand(),
    initCommand(),
    mergeCommand(args),
  ]) {
    // Subcommands share the exit-code mapping and the hint after errors.
    command.copyInheritedSettings(program);
    program.addCommand(command);
  }
  return program;
}

/**
 * Runs `dibsim args…` and returns the exit code; errors are printed through `output.writeErr` (stderr by
 * default), without a stack trace unless `--debug` is among the arguments.
 */
export async function execute(args: readonly string[], output?: OutputConfiguration): Promise<number> {
  try {
    await createProgram(args, output).parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has printed its own message (or the help) already.
    if (error instanceof CommanderError) return error.exitCode;
    const failure = describeFailure(error, args.includes('--debug'));
    const write = output?.writeErr ?? ((text: string) => process.stderr.write(text));
    write(failure.text);
    return failure.code;
  }
}
