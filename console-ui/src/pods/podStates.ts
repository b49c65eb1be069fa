import type { Pod, PodState } from './types';

/**
 * States a pod passes through on its own within seconds (the agent is starting or stopping it, or the market
 * is placing it): while any pod is in one, the pods page refreshes every few seconds.
 */
const TRANSITIONAL: ReadonlySet<PodState> = new Set(['PENDING', 'SCHEDULED', 'STARTING', 'STOPPING']);

export function isTransitional(state: PodState): boolean {
  return TRANSITIONAL.has(state);
}

/** What the marketplace lets a renter do from each state (`PodState.NEXT` in marketplace-api). */
export interface PodActions {
  stop: boolean;
  start: boolean;
  terminate: boolean;
  changeBid: boolean;
}

const HOLDS_GPUS_OR_WAITS: ReadonlySet<PodState> = new Set(['SCHEDULED', 'STARTING', 'RUNNING', 'PREEMPTED']);
const STARTABLE: ReadonlySet<PodState> = new Set(['STOPPED', 'EXITED']);
const ENDED: ReadonlySet<PodState> = new Set(['TERMINATED', 'FAILED']);

export function actionsFor(pod: Pick<Pod, 'state' | 'type'>): PodActions {
  return {
    stop: HOLDS_GPUS_OR_WAITS.has(pod.state),
    start: STARTABLE.has(pod.state),
    terminate: pod.state !== 'TERMINATED',
    changeBid: pod.type === 'INTERRUPTIBLE' && !ENDED.has(pod.state),
  };
}
