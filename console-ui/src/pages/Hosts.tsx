import { useCallback, useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useSession } from '../session';
import { EnrollMachine } from '../hosts/EnrollMachine';
import { hostsApi } from '../hosts/hostsApi';
import { MachineDetail } from '../hosts/MachineDetail';
import { MachinesTable } from '../hosts/MachinesTable';

/** How often the machines table asks again, for the agents' live readings. */
const LIST_REFRESH_MS = 10_000;

/** Hosts: enroll machines, watch them (verification, benchmarks, health, live readings), price them, see earnings. */
export function HostsPage() {
  // The agent fetches the CA from, and enrolls with, the marketplace that serves this console.
  const origin = globalThis.location.origin;
  const { apiKey } = useSession();
  const api = useMemo(() => hostsApi(apiKey), [apiKey]);
  const [selected, setSelected] = useState<string | null>(null);
  const manage = useCallback((hostId: string) => setSelected(hostId), []);
  const hosts = useInfiniteQuery({
    queryKey: ['hosts', 'list'],
    queryFn: ({ pageParam }) => api.listHosts(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
    refetchInterval: LIST_REFRESH_MS,
  });
  const machines = hosts.data?.pages.flatMap((p) => p.items) ?? [];
  // The first machine's prices and earnings show until the owner picks another: one machine is the common case.
  const shown = selected ?? machines[0]?.id;

  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Hosts</h2>
      <EnrollMachine api={api} origin={origin} />
      <section aria-labelledby="machines-title" className="panel">
        <h3 id="machines-title">Machines</h3>
        {hosts.isPending && <p>Loading machines…</p>}
        {hosts.isError && <p role="alert">{hosts.error.message}</p>}
        {hosts.isSuccess && <MachinesTable hosts={machines} onManage={manage} />}
        {hosts.hasNextPage && (
          <button type="button" onClick={() => void hosts.fetchNextPage()} disabled={hosts.isFetchingNextPage}>
            More machines
          </button>
        )}
      </section>
      {shown && <MachineDetail key={shown} api={api} hostId={shown} />}
    </section>
  );
}
