// Downloads of the official data set files with their published md5s, laid out as a data root (ROOT/<name>/...).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GdlabError } from '../core/errors.js';
import { downloadFile, type DownloadResult, type FetchImpl } from './download.js';
import { extractTar } from './tar.js';

interface RemoteDataset {
  readonly name: string;
  readonly description: string;
  readonly baseUrl: string;
  /** File name → published md5 (undefined: none published, the download is not verified). */
  readonly files: Readonly<Record<string, string | undefined>>;
  /** For an archive: the files it must yield (extraction is skipped when they all exist). */
  readonly unpacks?: readonly string[];
  readonly loadable: boolean;
}

const IDX = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
const withMd5 = (md5s: readonly string[]): Record<string, string> => Object.fromEntries(IDX.map((f, i) => [f, md5s[i]]));

const catalogue: readonly RemoteDataset[] = [
  {
    name: 'cifar10',
    description: 'CIFAR-10 binary version (Krizhevsky 2009): 50 000 train + 10 000 test 32x32 RGB, 10 classes',
    baseUrl: 'https://www.cs.toronto.edu/~kriz/',
    files: { 'cifar-10-binary.tar.gz': 'c32a1d4ab5d03f1284b67883e8d87530' },
    unpacks: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin', 'batches.meta.txt'],
    loadable: true,
  },
  {
    name: 'mnist',
    description: 'MNIST (LeCun et al. 1998), torchvision mirror: 60 000 train + 10 000 test 28x28 digits',
    baseUrl: 'https://ossci-datasets.s3.amazonaws.com/mnist/',
    // md5s as in torchvision/datasets/mnist.py (the official files).
    files: withMd5(['f68b3c2dcbeaaa9fbdd348bbdeb94873', 'd53e105ee54ea40749a09fcbcd1e9432', '9fb629c4189551a2d022fa330f9573f3', 'ec29112dd5afa0611ce80d1b7f02629c']),
    loadable: true,
  },
  {
    name: 'fashion-mnist',
    description: 'Fashion-MNIST (Xiao et al. 2017): 60 000 train + 10 000 test 28x28 clothing images, 10 classes',
    baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    // md5s as in the zalandoresearch/fashion-mnist README.
    files: withMd5(['8d4fb7e6c68d591d4c3dfef9ec88bf0d', '25c81989df183df01b3e8a0aad5dffbe', 'bef4ecab320f06d8554ea6380940ec79', 'bb300cfdad3c16e7a12a480ee83cd310']),
    loadable: true,
  },
  {
    name: 'eurosat',
    description: 'EuroSAT RGB (Helber et al. 2019): 27 000 64x64 JPEG Sentinel-2 patches; no published checksum, not loadable yet',
    baseUrl: 'https://madm.dfki.de/files/sentinel/',
    files: { 'EuroSAT.zip': undefined },
    loadable: false,
  },
];

export interface DatasetInfo {
  readonly name: string;
  readonly description: string;
  readonly urls: readonly string[];
  /** Whether every file has a published checksum that the download is checked against. */
  readonly verified: boolean;
  /** Whether gdlab can read the files (loadSplit / twoClassSubset). */
  readonly loadable: boolean;
}

export function listDatasets(): DatasetInfo[] {
  return catalogue.map((d) => ({
    name: d.name,
    description: d.description,
    urls: Object.keys(d.files).map((f) => d.baseUrl + f),
    verified: Object.values(d.files).every((md5) => md5 !== undefined),
    loadable: d.loadable,
  }));
}

export interface FetchOptions {
  /** Replaces the official base URL (a mirror, or a local server in tests); file names are appended to it. */
  readonly baseUrl?: string;
  readonly fetchImpl?: FetchImpl;
  /** File name → md5 to check instead of the published one (for a mirror that re-packed the files). */
  readonly md5s?: Readonly<Record<string, string>>;
}

export interface FetchResult {
  readonly name: string;
  /** Where the files are: toDir/<name>; use toDir as the data root (GDLAB_DATA_DIR) to load them. */
  readonly dir: string;
  readonly files: readonly DownloadResult[];
  /** Files extracted from an archive in this call. */
  readonly extracted: readonly string[];
  /** Files with no checksum to check against (not verified). */
  readonly unverified: readonly string[];
}

/** Downloads (resumably, verified, atomically) every file of the named data set into toDir/<name>/, then unpacks archives. */
export async function fetchDataset(name: string, toDir: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const entry = catalogue.find((d) => d.name === name);
  if (entry === undefined) {
    throw new GdlabError(`data set ${JSON.stringify(name)} cannot be fetched; valid names: ${catalogue.map((d) => d.name).join(', ')}`);
  }
  const dir = join(toDir, entry.name);
  const base = withSlash(opts.baseUrl ?? entry.baseUrl);
  const files: DownloadResult[] = [];
  const unverified: string[] = [];
  for (const [file, published] of Object.entries(entry.files)) {
    const md5 = opts.md5s?.[file] ?? published;
    if (md5 === undefined) unverified.push(file);
    // One at a time: sequential requests keep a resumed run simple and the mirror polite.
    files.push(await downloadFile(base + file, join(dir, file), md5 === undefined ? undefined : { algorithm: 'md5', hex: md5 }, opts.fetchImpl));
  }
  let extracted: string[] = [];
  if (entry.unpacks !== undefined && !entry.unpacks.every((f) => existsSync(join(dir, f)))) {
    // The CIFAR tarball holds cifar-10-batches-bin/*: strip that folder so the layout matches the shared data root.
    extracted = extractTar(files[0].file, dir, 1);
    const missing = entry.unpacks.filter((f) => !existsSync(join(dir, f)));
    if (missing.length > 0) throw new GdlabError(`${files[0].file}: the archive lacks ${missing.join(', ')}`);
  }
  return { name: entry.name, dir, files, extracted, unverified };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : url + '/';
}
