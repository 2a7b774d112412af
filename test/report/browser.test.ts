// The report in a real browser: Debian's headless Chromium (playwright-core) loads pages from `gdlab serve` with no console errors and every figure decoded.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { reproduceC1 } from '../../src/claims/c1.js';
import { serveResults } from '../../src/report/serve.js';
import { writeReport } from '../../src/report/write-report.js';
import { planSweep } from '../../src/run/sweep-grid.js';
import { runTasks } from '../../src/store/run-many.js';
import { runKey } from '../../src/store/run-key.js';
import { openStore } from '../../src/store/run-store.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the report in headless Chromium', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gdlab-browser-'));
  const results = join(dir, 'results');
  const store = openStore(results, { create: true });
  const requested: string[] = [];
  const started = performance.now();
  const c1 = await reproduceC1({ quick: true, platform: { store, requested } });
  store.saveClaim({ id: 'c1', variant: 'quick', result: c1, seconds: (performance.now() - started) / 1000, options: { quick: true }, keys: requested });
  const plan = planSweep({ seed: [0, 1], data: { source: 'gaussian-separable', n: 40, d: 5 }, algorithm: { name: 'lr-gd', step: { log: [0.1, 100, 4] } }, stop: { maxIter: 200, whenSeparated: false } }, 'steps');
  store.saveSweep({ name: plan.name, source: 'seed: [0, 1]\nalgorithm: {name: lr-gd, step: {log: [0.1, 100, 4]}}\n', axes: plan.axes, runs: plan.runs.map((r) => ({ key: runKey(r.spec), params: r.params })) });
  await runTasks(plan.runs.map((r) => ({ spec: r.spec })), { store });
  const report = await writeReport(store, results);
  store.close();
  const { server, url } = await serveResults(results, 0);
  const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  afterAll(async () => {
    await context.close();
    await new Promise((r) => server.close(r));
  });

  it.each([
    ['c1-quick.html', 4, 'All 7 checks hold'],
    ['sweep-steps.html', 5, 'Complete'], // 4 curves and final loss vs step (iterations are all 200: not drawn)
    ['index.html', 0, 'gdlab results'],
  ])('%s: no console errors, %i figures decoded, screenshot saved', async (name, figures, text) => {
    expect(existsSync(join(results, 'report', name))).toBe(true);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
    const res = await page.goto(`${url}report/${name}`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(await page.textContent('body')).toContain(text);
    // Runs in the page; the tsconfig has no DOM types, so the image is described structurally.
    type Img = { complete: boolean; naturalWidth: number; getBoundingClientRect(): { width: number; height: number } };
    const imgs = await page.$$eval('figure img', (els) => els.map((e) => {
      const img = e as unknown as Img;
      const box = img.getBoundingClientRect();
      return { ok: img.complete && img.naturalWidth > 0, width: box.width, height: box.height };
    }));
    expect(imgs).toHaveLength(figures);
    for (const i of imgs) expect(i.ok && i.width > 200 && i.height > 150, JSON.stringify(i)).toBe(true);
    const shot = join(dir, name.replace('.html', '.png'));
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${shot}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the index links every page', () => {
    expect([...report.pages.keys()]).toEqual(['c1:quick', 'sweep:steps']);
  });
});
