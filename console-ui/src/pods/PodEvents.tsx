import type { Pod, PodEvent } from './types';

/** The pod's latest outbid notice, if its last change was a preemption (the event says by whom). */
export function outbidNotice(events: PodEvent[] | undefined): PodEvent | undefined {
  const last = events?.[events.length - 1];
  return last?.to === 'PREEMPTED' ? last : undefined;
}

/** Outbid notices and the pod's stored transitions, newest first, behind a disclosure. */
export function PodEvents({ pod }: { pod: Pod }) {
  if (!pod.events) {
    return <span>Loading events…</span>;
  }
  const notice = outbidNotice(pod.events);
  const preemptions = pod.events.filter((e) => e.to === 'PREEMPTED').length;
  return (
    <>
      {notice && (
        <p className="outbid-notice" role="note">
          Outbid notice ({new Date(notice.at).toLocaleString()}): {notice.reason}
        </p>
      )}
      <details>
        <summary>
          Events ({pod.events.length}
          {preemptions > 0 ? `, outbid ${preemptions}×` : ''})
        </summary>
        <ol aria-label={`events of ${pod.name}`} reversed>
          {[...pod.events].reverse().map((event) => (
            <li key={event.seq}>
              <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>: {event.from ?? 'new'} →{' '}
              {event.to}: {event.reason}
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}
