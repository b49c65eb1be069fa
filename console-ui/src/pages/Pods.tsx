import { DataTable } from '../common/DataTable';
import { useMemo, useState } from 'react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useSession } from '../session';
import { podsApi, type PodsApi } from '../pods/podsApi';
import { actionsFor, isTransitional } from '../pods/podStates';
import { mergePod } from '../pods/mergePod';
import { formatMoney } from '../pods/money';
import { PodEvents } from '../pods/PodEvents';
import { ConfirmTerminate } from '../pods/ConfirmTerminate';
import { BidEditor } from '../pods/BidEditor';
import type { Pod } from '../pods/types';

const PAGE_SIZE = 20;
/** Settled pods still change on their own (outbid, host lost): look again now and then. */
const SETTLED_REFRESH_MS = 30_000;

type Action =
  | { kind: 'stop' | 'start' | 'terminate'; pod: Pod }
  | { kind: 'bid'; pod: Pod; bidPerGpuHour: string };

const ACTION_NAMES: Record<Action['kind'], string> = { stop: 'Stop', start: 'Start', terminate: 'Terminate', bid: 'Raise bid' };

function run(api: PodsApi, action: Action): Promise<Pod> {
  switch (action.kind) {
    case 'stop':
      return api.stop(action.pod.id);
    case 'start':
      return api.start(action.pod.id);
    case 'terminate':
      return api.terminate(action.pod.id);
    case 'bid':
      return api.changeBid(action.pod.id, action.bidPerGpuHour);
  }
}

const column = createColumnHelper<Pod>();
const NO_PODS: Pod[] = [];
/** Only the answers: with a stable combine, useQueries keeps this array's identity until an answer changes. */
const detailsOnly = (results: { data?: Pod }[]) => results.map((r) => r.data);

/** The route's page; tests render {@link MyPods} with a shorter refresh. */
export function PodsPage() {
  return <MyPods />;
}

/**
 * My pods (#/pods): the organisation's pods, newest first, a page at a time, with their state, price, cost so
 * far, events and outbid notices. Refreshes every `transitionalRefreshMs` while a pod on the page is starting,
 * stopping or being placed.
 */
export function MyPods({ transitionalRefreshMs = 3_000 }: { transitionalRefreshMs?: number }) {
  const { apiKey } = useSession();
  const api = useMemo(() => podsApi(apiKey), [apiKey]);
  const queryClient = useQueryClient();
  // The cursors of the pages seen so far: back is a pop, forward a push of next_cursor.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const refreshFor = (pods: Pod[]) =>
    pods.some((p) => isTransitional(p.state)) ? transitionalRefreshMs : SETTLED_REFRESH_MS;

  const list = useQuery({
    queryKey: ['pods', 'list', cursor ?? null],
    queryFn: () => api.list(PAGE_SIZE, cursor),
    refetchInterval: (query) => refreshFor(query.state.data?.items ?? []),
  });
  const listed = list.data?.items ?? NO_PODS;
  const details = useQueries({
    queries: listed.map((pod) => ({
      queryKey: ['pods', 'detail', pod.id],
      queryFn: () => api.get(pod.id),
      refetchInterval: (query: { state: { data?: Pod } }) => refreshFor(query.state.data ? [query.state.data] : []),
    })),
    combine: detailsOnly,
  });
  // The table's data must keep its identity between renders: TanStack Table re-renders without end when
  // handed a new array every time.
  const pods = useMemo(() => listed.map((pod, i) => mergePod(pod, details[i])), [listed, details]);

  const [confirming, setConfirming] = useState<Pod | null>(null);
  const [editingBid, setEditingBid] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: Action) => run(api, action),
    onMutate: () => setActionError(null),
    onSuccess: (pod) => {
      queryClient.setQueryData<Pod>(['pods', 'detail', pod.id], (old) => ({ ...old, ...pod }));
      return queryClient.invalidateQueries({ queryKey: ['pods'] });
    },
    onError: (error, action) => setActionError(`${ACTION_NAMES[action.kind]} ${action.pod.name}: ${error.message}`),
  });

  const columns = [
    column.accessor('name', { header: 'Name' }),
    column.accessor('state', { header: 'State' }),
    column.accessor('type', {
      header: 'Type',
      cell: ({ row }) =>
        row.original.type === 'INTERRUPTIBLE'
          ? `Interruptible, bid ${formatMoney(row.original.bid_per_gpu_hour)}/GPU-h`
          : 'On demand',
    }),
    column.accessor('host_id', { header: 'Host', cell: ({ getValue }) => getValue() ?? 'not placed' }),
    column.accessor('gpu_count', { header: 'GPUs' }),
    column.display({
      id: 'price',
      header: 'Price/h',
      // What metering charges now when the marketplace says so; otherwise the pod's own rate, which an
      // interruptible pod pays at most and a pod that is not RUNNING does not pay at all.
      cell: ({ row }) => {
        const pod = row.original;
        if (pod.current_price_per_hour) {
          return formatMoney(pod.current_price_per_hour);
        }
        const cap = pod.type === 'INTERRUPTIBLE' ? ' at most' : '';
        return `${formatMoney(pod.price_per_hour)}${cap}${pod.state === 'RUNNING' ? '' : ' when running'}`;
      },
    }),
    column.accessor('cost_so_far', { header: 'Cost so far', cell: ({ getValue }) => formatMoney(getValue()) }),
    column.display({ id: 'events', header: 'Events', cell: ({ row }) => <PodEvents pod={row.original} /> }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => {
        const pod = row.original;
        const can = actionsFor(pod);
        if (editingBid === pod.id) {
          return (
            <BidEditor
              pod={pod}
              onCancel={() => setEditingBid(null)}
              onSave={(bid) => {
                setEditingBid(null);
                act.mutate({ kind: 'bid', pod, bidPerGpuHour: bid });
              }}
            />
          );
        }
        return (
          <span className="actions">
            <button type="button" disabled={!can.stop || act.isPending} onClick={() => act.mutate({ kind: 'stop', pod })}>
              Stop
            </button>{' '}
            <button type="button" disabled={!can.start || act.isPending} onClick={() => act.mutate({ kind: 'start', pod })}>
              Start
            </button>{' '}
            <button type="button" disabled={!can.terminate || act.isPending} onClick={() => setConfirming(pod)}>
              Terminate
            </button>
            {pod.type === 'INTERRUPTIBLE' && (
              <>
                {' '}
                <button type="button" disabled={!can.changeBid || act.isPending} onClick={() => setEditingBid(pod.id)}>
                  Raise bid
                </button>
              </>
            )}
          </span>
        );
      },
    }),
  ];
  const table = useReactTable({ data: pods, columns, getCoreRowModel: getCoreRowModel(), getRowId: (pod) => pod.id });
  const settling = pods.some((p) => isTransitional(p.state));

  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">My pods</h2>
      {list.isPending && <p>Loading pods…</p>}
      {list.isError && <p role="alert">{list.error.message}</p>}
      {actionError && <p role="alert">{actionError}</p>}
      {settling && <p role="status">Some pods are changing state: refreshing every {transitionalRefreshMs / 1000} s.</p>}
      {confirming && (
        <ConfirmTerminate
          pod={confirming}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            act.mutate({ kind: 'terminate', pod: confirming });
            setConfirming(null);
          }}
        />
      )}
      {list.data && (
        <>
          <DataTable table={table} label="pods" />
          {pods.length === 0 && <p>No pods yet: deploy one from an offer.</p>}
          <nav aria-label="pod pages">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer pods
            </button>{' '}
            <button
              type="button"
              disabled={!list.data.next_cursor}
              onClick={() => setCursors((c) => [...c, list.data.next_cursor])}
            >
              Older pods
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
