/**
 * `pleno` command-line entry (bin/pleno.mjs loads it through tsx; `npm run serve` runs it directly).
 * The work is in main/cli/run.ts so tests can drive it without a process.
 */
import { runCli } from './cli/run.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
