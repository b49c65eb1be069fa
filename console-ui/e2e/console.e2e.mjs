#!/usr/bin/env node
// The console's end-to-end tests in a real headless Chromium, against a running marketplace that serves it.
//
//   BASE_URL=http://localhost:8080/ OPERATOR_KEY=… SCREENSHOTS=target/e2e-screenshots node e2e/console.e2e.mjs
//
// BASE_URL      the marketplace (required); it should run a demo fleet so there are offers to rent
// OPERATOR_KEY  the operator's key, to credit the renter's organisation (the renter flow needs it)
// SCREENSHOTS   a folder for a full-page PNG of each page (optional)
// E2E_FLOWS     a comma-separated subset of shell,renter,host,error (or --flows=…); default all
// CHROMIUM      the browser (default /usr/bin/chromium, Debian's)
//
// Each flow runs in a fresh browser context and prints PASS or FAIL; any error the browser logs fails its
// flow. The exit code is 0 only when every flow chosen passed (2: bad arguments).
import { BrowserWatch, Screenshots, VIEWPORT, launchBrowser } from './harness.mjs';
import { FLOWS } from './flows.mjs';
import { Marketplace } from './marketplace.mjs';

/** Time for one user action or wait; the pod flow waits longer where a host has to act. */
const ACTION_TIMEOUT_MS = 15_000;

function chosenFlows() {
  const flag = process.argv.find((a) => a.startsWith('--flows='))?.slice('--flows='.length);
  const names = (flag ?? process.env.E2E_FLOWS ?? Object.keys(FLOWS).join(','))
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(n in FLOWS));
  if (unknown.length > 0 || names.length === 0) {
    console.error(`e2e: unknown flow(s) ${unknown.join(', ') || '(none chosen)'}; known: ${Object.keys(FLOWS).join(', ')}`);
    process.exit(2);
  }
  return names;
}

async function runFlow(browser, name, setting) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const watch = new BrowserWatch();
  const page = watch.attach(await context.newPage());
  const started = Date.now();
  try {
    await FLOWS[name]({ ...setting, page, watch });
    watch.assertClean();
    for (const note of new Set(watch.notes)) console.log(`NOTE ${name}: ${note}`);
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (e) {
    console.log(`FAIL ${name} (${Date.now() - started} ms) at ${page.url()}\n  ${String(e.stack ?? e).replaceAll('\n', '\n  ')}`);
    if (watch.errors.length > 0) console.log(`  browser errors:\n    ${watch.errors.join('\n    ')}`);
    await setting.screenshots.save(page, `failed-${name}`).catch(() => {});
    return false;
  } finally {
    await context.close();
  }
}

async function main() {
  const baseUrl = process.env.BASE_URL;
  if (!baseUrl) {
    console.error('e2e: BASE_URL is required (the marketplace serving the console, e.g. http://localhost:8080/)');
    process.exit(2);
  }
  const flows = chosenFlows();
  const setting = {
    baseUrl,
    market: new Marketplace(baseUrl, process.env.OPERATOR_KEY),
    screenshots: new Screenshots(process.env.SCREENSHOTS),
  };
  const browser = await launchBrowser();
  console.log(`e2e: ${browser.version()} against ${baseUrl}, flows ${flows.join(', ')}`);
  let failed = 0;
  try {
    for (const name of flows) {
      if (!(await runFlow(browser, name, setting))) failed++;
    }
  } finally {
    await browser.close();
  }
  console.log(`e2e: ${flows.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
