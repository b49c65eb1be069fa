// The browser side of the console's end-to-end tests: Debian's Chromium driven by playwright-core (which never
// downloads a browser of its own), a watch on the browser console, screenshots, and the run's steps.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Flags that let Chromium run headless as root on a build machine with no network beyond localhost. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Small enough for docs/console/*.png, wide enough for the tables. */
export const VIEWPORT = { width: 1280, height: 800 };

export async function launchBrowser() {
  // playwright-core gives every launch a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

const HTTP_ERROR = /Failed to load resource: the server responded with a status of (\d+)/;

/**
 * Chromium asks for /favicon.ico by itself when a page names no icon, and logs the 404. It is the browser's
 * request, not the console's, so it is reported as a NOTE rather than failing the flow; a `<link rel="icon">` in
 * index.html makes the note go away.
 */
const BROWSER_OWN_REQUEST = /\/favicon\.ico$/;

/**
 * Every error the browser reports on a page: console.error calls, uncaught exceptions, failed loads. A flow that
 * provokes an API error on purpose names it with {@link BrowserWatch#expectHttpError}; anything else fails the run.
 */
export class BrowserWatch {
  constructor() {
    this.errors = [];
    this.expected = [];
    this.notes = [];
  }

  attach(page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location()?.url ?? '';
      const status = HTTP_ERROR.exec(message.text())?.[1];
      if (status && this.expected.some((e) => e.status === Number(status) && e.path.test(url))) return;
      if (status && BROWSER_OWN_REQUEST.test(new URL(url || 'about:blank').pathname)) {
        this.notes.push(`the browser's own request ${url} answered ${status} (add <link rel="icon"> to index.html)`);
        return;
      }
      this.errors.push(`console.error: ${message.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (error) => this.errors.push(`uncaught: ${error.stack ?? error.message}`));
    return page;
  }

  /** An HTTP error the flow provokes on purpose (e.g. 400 from POST /v1/pods), so the browser's log is not one. */
  expectHttpError(status, path) {
    this.expected.push({ status, path });
  }

  /** Throws when the browser reported any unexpected error so far. */
  assertClean() {
    if (this.errors.length > 0) {
      throw new Error(`the browser reported ${this.errors.length} error(s):\n  ${this.errors.join('\n  ')}`);
    }
  }
}

/** Full-page screenshots, named by page, into SCREENSHOTS (the test's artefacts; docs/console/ copies them). */
export class Screenshots {
  constructor(dir) {
    this.dir = dir;
    if (dir) mkdirSync(dir, { recursive: true });
  }

  async save(page, name) {
    if (!this.dir) return;
    await page.screenshot({ path: join(this.dir, `${name}.png`), fullPage: true });
  }
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; then fails with `what`. */
export async function eventually(what, check, { timeoutMs = 10_000, everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const answer = await check();
      if (answer) return answer;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Throws `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}
