// `gdlab data fetch NAME --to DIR` (resumable, checksummed, atomic downloads) and `gdlab data list`.
import type { Command } from 'commander';
import { fetchDataset, listDatasets } from '../../data/fetch-dataset.js';

export function registerData(program: Command): void {
  const data = program.command('data').description('real data sets: list what can be fetched, fetch one');
  data
    .command('list')
    .description('the data sets gdlab can download and load')
    .action(() => {
      for (const d of listDatasets()) {
        console.log(`${d.name}: ${d.description}${d.verified ? '' : ' (no published checksum: not verified)'}${d.loadable ? '' : ' (loading not implemented)'}`);
        for (const u of d.urls) console.log(`  ${u}`);
      }
    });
  data
    .command('fetch')
    .description('download a data set from its official address into DIR/NAME, checking checksums; an interrupted download resumes')
    .argument('<name>', listDatasets().map((d) => d.name).join(', '))
    .requiredOption('--to <dir>', 'the data root to download into (use it as GDLAB_DATA_DIR afterwards)')
    .option('--base-url <url>', 'a mirror to download from instead of the official address')
    .action(async (name: string, o: { to: string; baseUrl?: string }) => {
      const r = await fetchDataset(name, o.to, { baseUrl: o.baseUrl });
      for (const f of r.files) console.log(`${f.file}: ${f.status}`);
      if (r.extracted.length > 0) console.log(`unpacked ${r.extracted.length} files`);
      if (r.unverified.length > 0) console.log(`not verified (no published checksum): ${r.unverified.join(', ')}`);
      console.log(`data root: ${o.to} (set GDLAB_DATA_DIR=${o.to} to load from it)`);
    });
}
