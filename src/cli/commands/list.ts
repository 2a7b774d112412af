// `gdlab list`: the names a spec may use — data sources, models, algorithms, initialisations.
import type { Command } from 'commander';
import { algorithms, dataSources, inits, models } from '../../run/components.js';
import { describe } from '../../run/registry.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the data sources, models, algorithms and initialisations a spec may name')
    .action(() => {
      console.log(`data (data.source):\n${describe(dataSources)}\n`);
      console.log(`models (model.kind):\n${describe(models)}\n`);
      console.log(`algorithms (algorithm.name):\n${describe(algorithms)}\n`);
      console.log(`initialisations (init.kind):\n${describe(inits)}`);
    });
}
