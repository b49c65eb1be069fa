/** What `GET /v1/version` answers. */
export interface VersionInfo {
  name: string;
  version: string;
  contract: string;
  profile: string;
}

/** Thrown when the API answers with an error; carries the problem+json detail when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchVersion(fetchImpl: typeof fetch = fetch): Promise<VersionInfo> {
  const response = await fetchImpl('/v1/version', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new ApiError(response.status, `the marketplace answered ${response.status}`);
  }
  return (await response.json()) as VersionInfo;
}

/** A problem+json answer, as the marketplace writes every error (docs/api-errors.md). */
interface Problem {
  title?: string;
  detail?: string;
  status?: number;
}

/**
 * Calls the marketplace's REST API with the signed-in API key. An error answer becomes an {@link ApiError} whose
 * message is the problem's `detail` (what the console shows the user), or the status when there is no body.
 */
export async function apiFetch<T>(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    apiKey?: string | null;
    fetchImpl?: typeof fetch;
    /** Extra request headers, e.g. an `Idempotency-Key` for a state-changing call. */
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.apiKey) {
    headers.Authorization = `Bearer ${options.apiKey}`;
  }
  const response = await (options.fetchImpl ?? fetch)(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    let problem: Problem = {};
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // not JSON: the status says it all
    }
    throw new ApiError(response.status, problem.detail ?? problem.title ?? `the marketplace answered ${response.status}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}
