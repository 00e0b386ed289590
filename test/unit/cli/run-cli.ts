/**
 * Spawns the built `dibsim` CLI (dist/cli/main.js: run `npm run build` first) and collects its output.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execute } from '../../../src/cli/program.js';
import { randomSmallScenario } from '../experiment/helpers.js';

/** The built CLI entry point. */
export const MAIN = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

/** Absolute path of the JavaScript strategies fixture (built library; has `throwingAt`). */
export const STRATEGIES = fileURLToPath(new URL('../experiment/fixtures/strategies.mjs', import.meta.url));

/** What a CLI run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Throws a clear error if the CLI has not been built. */
export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build before the CLI tests.`);
}

/** A fresh temporary directory holding the small random scenario as `small.json`. */
export function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dibsim-cli-'));
  writeFileSync(join(dir, 'small.json'), JSON.stringify(randomSmallScenario(), null, 2));
  return dir;
}

/**
 * Runs `dibsim args…` in `cwd`. With `interruptOn`, sends SIGINT once stderr matches it (once); `env` adds
 * to the environment.
 */
export function runCli(
  args: readonly string[],
  cwd: string,
  interruptOn?: RegExp,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (interruptOn !== undefined && !sent && interruptOn.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `dibsim args…` in this process (no build needed, no process start-up) with commander's output and
 * error messages captured; what commands print on stdout themselves is not captured.
 */
export async function executeCaptured(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await execute(args, {
    writeOut: (text) => {
      stdout += text;
    },
    writeErr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
