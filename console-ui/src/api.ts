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
