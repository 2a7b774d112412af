// `gdlab data …`: data set commands (fetch is wired once the downloader lands).
import type { Command } from 'commander';

export function registerData(program: Command): void {
  program.command('data').description('data set commands: fetch NAME --to DIR');
}
