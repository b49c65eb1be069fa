// The console's end-to-end flows, written against the accessible names the pages promise (docs/console.md):
// a role and a name, never a CSS class, so a flow breaks only when what a user sees or hears changes.
import { randomUUID } from 'node:crypto';
import { check, eventually } from './harness.mjs';

/** How long a simulated host may take to start (or stop) a pod; it usually takes a second or two. */
const POD_SETTLES_MS = 90_000;

const short = () => randomUUID().slice(0, 8);

function nav(page) {
  return page.getByRole('navigation', { name: 'console' });
}

/** Opens a page from the console's navigation and waits for its heading. */
async function openFromNav(page, label, heading = label) {
  await nav(page).getByRole('link', { name: label, exact: true }).click();
  await pageHeading(page, heading).waitFor();
}

function pageHeading(page, name) {
  return page.getByRole('heading', { level: 2, name, exact: true });
}

function hash(page) {
  return new URL(page.url()).hash;
}

/** Signs up a new organisation through the console's own form; the owner key stays in the browser. */
async function signUp(page, baseUrl, organisation) {
  await page.goto(baseUrl);
  const form = page.getByRole('form', { name: 'create an organisation' });
  await form.getByLabel('Organisation').fill(organisation);
  await form.getByLabel('Owner email').fill(`e2e-${short()}@example.com`);
  await form.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const apiKey = await page.evaluate(() => localStorage.getItem('assay.apiKey'));
  check(apiKey?.startsWith('assay_key_'), `the console kept no owner key after signing up (found ${apiKey})`);
  return apiKey;
}

/** The links to offer detail pages inside `container` (a table or list of offers). */
function offerLinks(container) {
  return container.locator('a[href^="#/offers/"]');
}

async function fillDeployForm(page, { name, image }) {
  await pageHeading(page, 'Deploy').waitFor();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Image', { exact: true }).fill(image);
  // GPUs stay at the offer's own count: a host may take no smaller pods (its minimum GPUs per pod).
  await page.getByLabel('Disk (GB)', { exact: true }).fill('10');
  await page.getByRole('radio', { name: 'On demand' }).check();
}

/** a. The shell: sign up, the navigation reaches every page, the marketplace's version is in the footer. */
async function shell({ page, baseUrl, screenshots }) {
  await page.goto(baseUrl);
  await page.getByRole('form', { name: 'create an organisation' }).waitFor();
  await screenshots.save(page, 'sign-in');
  await signUp(page, baseUrl, `e2e shell ${short()}`);
  const pages = [
    ['Offers', 'offers'],
    ['Value frontier', 'frontier'],
    ['My pods', 'pods'],
    ['Hosts', 'hosts'],
    ['Billing', 'billing'],
    ['API keys', 'keys'],
  ];
  for (const [label] of pages) {
    await nav(page).getByRole('link', { name: label, exact: true }).waitFor();
  }
  const footer = page.getByLabel('marketplace version', { exact: true });
  await eventually('the version footer', async () => /assay-marketplace \S+ · contract \S+/.test(await footer.innerText()));
  for (const [label, file] of pages) {
    await openFromNav(page, label);
    await screenshots.save(page, file);
  }
}

/**
 * b. A renter: credited by the operator, searches offers, narrows them with the query language, picks one on the
 * value frontier, deploys a pod on it, watches it reach RUNNING, stops it, and sees the money on the Billing page.
 */
async function renter({ page, baseUrl, market, screenshots }) {
  const apiKey = await signUp(page, baseUrl, `e2e renter ${short()}`);
  await market.credit(apiKey, '50.00');

  await openFromNav(page, 'Offers');
  const offers = page.getByRole('table', { name: 'offers' });
  await eventually('offers in the table', async () => (await offerLinks(offers).count()) > 0, { timeoutMs: 30_000 });
  await screenshots.save(page, 'offers');

  // The query drives the table: ask for the GPU of the last row only, and every row must be that GPU.
  const gpuName = (await offerLinks(offers).last().innerText()).trim();
  const query = page.getByLabel('Query', { exact: true });
  await query.fill(`gpu_name=${gpuName.replaceAll(' ', '_')} order by value desc`);
  await query.press('Enter');
  await eventually(`only ${gpuName} offers after the query`, async () => {
    const names = await offerLinks(offers).allInnerTexts();
    return names.length > 0 && names.every((n) => n.trim() === gpuName);
  });

  await openFromNav(page, 'Value frontier');
  const chart = page.getByLabel('score against price', { exact: true });
  await eventually('the frontier chart drawn', async () => (await chart.locator('svg').count()) > 0);
  const frontier = page.getByLabel('frontier offers', { exact: true });
  await eventually('frontier offers listed', async () => (await offerLinks(frontier).count()) > 0);
  await screenshots.save(page, 'frontier');

  const offerHref = await offerLinks(frontier).first().getAttribute('href');
  const offerId = decodeURIComponent(offerHref.slice('#/offers/'.length));
  await offerLinks(frontier).first().click();
  const offer = await market.offer(apiKey, offerId);
  await pageHeading(page, offer.gpu_name).waitFor();
  check(hash(page) === offerHref, `expected ${offerHref}, at ${hash(page)}`);
  const deploy = page.getByRole('link', { name: 'Deploy', exact: true });
  check((await deploy.getAttribute('href')) === `#/deploy/${offerId}`, 'the Deploy link names another offer');
  await screenshots.save(page, 'offer-detail');

  await deploy.click();
  const podName = `e2e-${short()}`;
  await fillDeployForm(page, { name: podName, image: 'busybox:1.36' });
  await page.getByText(/per hour/).first().waitFor();
  await screenshots.save(page, 'deploy');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await eventually('the console to go to My pods', async () => hash(page) === '#/pods');

  await pageHeading(page, 'My pods').waitFor();
  const pod = page.getByRole('table', { name: 'pods' }).getByRole('row').filter({ hasText: podName });
  await pod.getByRole('cell', { name: 'RUNNING', exact: true }).waitFor({ timeout: POD_SETTLES_MS });
  await screenshots.save(page, 'pods');
  await pod.getByRole('button', { name: 'Stop', exact: true }).click();
  await pod.getByRole('cell', { name: 'STOPPED', exact: true }).waitFor({ timeout: POD_SETTLES_MS });

  await openFromNav(page, 'Billing');
  await page.getByText('Balance').first().waitFor();
  const ledger = page.getByRole('table', { name: 'ledger' });
  await eventually('the credit in the ledger', async () => (await ledger.getByRole('row').count()) > 1);
  await screenshots.save(page, 'billing');

  await openFromNav(page, 'API keys');
  await page.getByRole('button', { name: 'Create key', exact: true }).waitFor();
  await screenshots.save(page, 'keys');
}

/** c. A host: creates an enrollment token, and the agent command shown is the one with that token. */
async function host({ page, baseUrl, screenshots }) {
  await signUp(page, baseUrl, `e2e host ${short()}`);
  await openFromNav(page, 'Hosts');
  const fields = [
    ['Machine name', `e2e rig ${short()}`],
    ['Region', 'eu-west'],
    ['Country', 'DE'],
  ];
  const create = page.getByRole('button', { name: 'Create enrollment token', exact: true });
  // The fields may be on the page already or appear after the first press: fill what is there, then press.
  let token;
  for (let attempt = 0; attempt < 2 && !token; attempt++) {
    for (const [label, value] of fields) {
      const field = page.getByLabel(label, { exact: true });
      if ((await field.count()) === 1 && (await field.inputValue()) === '') await field.fill(value);
    }
    const answer = page
      .waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/v1/hosts/enrollment-tokens'), {
        timeout: 5_000,
      })
      .catch(() => null);
    await create.last().click();
    const response = await answer;
    if (response) {
      check(response.status() === 201, `creating the token answered ${response.status()}: ${await response.text()}`);
      token = (await response.json()).token;
    }
  }
  check(token, 'pressing "Create enrollment token" never asked the marketplace for a token');
  const command = page.getByLabel('agent command', { exact: true });
  await eventually('the agent command with the token', async () => (await command.innerText()).includes(token));
  await page.getByRole('table', { name: 'machines' }).waitFor();
  await screenshots.save(page, 'hosts');
}

/** d. An API error reaches the user: the problem's detail is shown in an alert and the form stays. */
async function error({ page, baseUrl, watch, screenshots }) {
  await signUp(page, baseUrl, `e2e error ${short()}`);
  await openFromNav(page, 'Offers');
  const deploy = page.getByRole('table', { name: 'offers' }).getByRole('link', { name: 'Deploy', exact: true });
  await deploy.first().waitFor({ timeout: 30_000 });
  await deploy.first().click();
  await fillDeployForm(page, { name: `e2e-${short()}`, image: 'UPPER CASE!' });
  // The browser logs the 400 it is about to get; that one is the point of this flow.
  watch.expectHttpError(400, /\/v1\/pods(\?.*)?$/);
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /image/i }).waitFor();
  check(hash(page).startsWith('#/deploy/'), `the console left the Deploy page for ${hash(page)} after an error`);
  await screenshots.save(page, 'deploy-error');
}

/** Every flow, in the order a full run takes them. */
export const FLOWS = { shell, renter, host, error };
