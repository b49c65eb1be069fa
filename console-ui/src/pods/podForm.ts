import { microsToDollarString, parseDollars } from './money';
import type { PodRequest, PodType } from './types';

/** What the Deploy form holds, as typed. */
export interface DeployForm {
  name: string;
  image: string;
  gpus: string;
  diskGb: string;
  environment: string;
  ports: string;
  type: PodType;
  bid: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * "KEY=VALUE" lines into the `env` object; blank lines and lines starting with # are skipped. A value may hold
 * further '=' signs. The marketplace checks the limits (64 variables, sizes); this only catches typos early.
 */
export function parseEnvironment(text: string): Parsed<Record<string, string>> {
  const env: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq).trim();
    if (eq < 0 || !ENV_NAME.test(name)) {
      return { ok: false, error: `Environment line ${i + 1} is not KEY=VALUE with a KEY of letters, digits and _: "${line}"` };
    }
    env[name] = line.slice(eq + 1);
  }
  return { ok: true, value: env };
}

const PORT = /^(\d{1,5})\/(tcp|http)$/;

/** "22/tcp, 8888/http" into the `ports` list. */
export function parsePorts(text: string): Parsed<string[]> {
  const ports = text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  for (const port of ports) {
    const match = PORT.exec(port);
    const number = match ? Number(match[1]) : 0;
    if (!match || number < 1 || number > 65535) {
      return { ok: false, error: `Ports: "${port}" is not PORT/tcp or PORT/http with PORT from 1 to 65535` };
    }
  }
  return { ok: true, value: ports };
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * The `POST /v1/pods` body for this offer. Only what cannot be sent at all is refused here (a GPU count that is
 * not a number, a bid that is not an amount); names, images and ranges are the marketplace's to judge, and its
 * problem detail is shown as it is.
 */
export function toPodRequest(form: DeployForm, offerId: string): Parsed<PodRequest> {
  const gpus = wholeNumber(form.gpus);
  if (gpus === null) {
    return { ok: false, error: 'GPUs must be a whole number' };
  }
  const disk = wholeNumber(form.diskGb);
  if (disk === null) {
    return { ok: false, error: 'Disk (GB) must be a whole number' };
  }
  const env = parseEnvironment(form.environment);
  if (!env.ok) {
    return env;
  }
  const ports = parsePorts(form.ports);
  if (!ports.ok) {
    return ports;
  }
  const request: PodRequest = {
    name: form.name.trim(),
    image: form.image.trim(),
    gpu_count: gpus,
    offer_id: offerId,
    disk_gb: disk,
    env: env.value,
    ports: ports.value,
    type: form.type,
  };
  if (form.type === 'INTERRUPTIBLE') {
    const bid = parseDollars(form.bid);
    if (bid === null || bid <= 0) {
      return { ok: false, error: 'Bid per GPU-hour must be an amount in dollars above 0, e.g. 0.45' };
    }
    request.bid_per_gpu_hour = microsToDollarString(bid);
  }
  return { ok: true, value: request };
}
