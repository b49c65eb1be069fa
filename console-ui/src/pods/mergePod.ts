import type { Pod } from './types';

/**
 * One row's pod from the list (polled) and its own `GET /v1/pods/{id}` (which alone has events, cost so far
 * and the current price). Whichever answer saw the later change decides the state, so a row never goes back.
 */
export function mergePod(listed: Pod, detail: Pod | undefined): Pod {
  if (!detail) {
    return listed;
  }
  const detailIsNewer = detail.updated_at >= listed.updated_at;
  return detailIsNewer
    ? { ...listed, ...detail }
    : {
        ...listed,
        events: detail.events,
        cost_so_far: detail.cost_so_far,
        // A price for the state the detail saw; the list's newer state may not be billed at all.
        current_price_per_hour: listed.state === detail.state ? detail.current_price_per_hour : undefined,
      };
}
