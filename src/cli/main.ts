// The gdlab command line: argument wiring and printing only; every error a user can cause is one line and exit code 2.
import { Command, CommanderError } from 'commander';
import { GdlabError } from '../core/errors.js';
import { gdlabVersion } from '../store/version.js';
import { registerData } from './commands/data.js';
import { registerExport } from './commands/export.js';
import { registerList } from './commands/list.js';
import { registerMain } from './commands/main-job.js';
import { registerReport } from './commands/report.js';
import { registerReproduce } from './commands/reproduce.js';
import { registerRun } from './commands/run.js';
import { registerRuns } from './commands/runs.js';
import { registerSweep } from './commands/sweep.js';

export function buildProgram(): Command {
  const program = new Command('gdlab')
    .description('A float64 laboratory for the dynamics of gradient descent (P0, P1, P2).')
    .version(gdlabVersion())
    .showHelpAfterError(false)
    .exitOverride();
  registerRun(program);
  registerSweep(program);
  registerRuns(program);
  registerExport(program);
  registerReproduce(program);
  registerMain(program);
  registerList(program);
  registerData(program);
  registerReport(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s.split('\n').filter((l) => l.trim() !== '')[0] + '\n') });
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed its one line
    }
    if (e instanceof GdlabError) {
      process.stderr.write(`gdlab: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`gdlab: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.GDLAB_DEBUG) console.error(e);
    return 1;
  }
}
