import { DataTable } from '../common/DataTable';
import { useMemo } from 'react';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { dollars } from './format';
import { AgentReadings, benchmarkSummary, gpuSummary, healthSummary, VerificationBadge } from './readings';
import type { Host } from './types';

const column = createColumnHelper<Host>();

/**
 * The organisation's machines at a glance; "Manage" opens one machine's prices, advice and earnings. The table is
 * there even with no machine yet (a row says so), so a new host finds where its machine will appear.
 */
export function MachinesTable({ hosts, onManage }: { hosts: Host[]; onManage: (hostId: string) => void }) {
  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: 'Machine',
        cell: (c) => (
          <>
            {c.getValue()} <small>{c.row.original.id}</small>
          </>
        ),
      }),
      column.accessor('verification', { header: 'Verification', cell: (c) => <VerificationBadge host={c.row.original} /> }),
      column.accessor('status', { header: 'Status' }),
      column.display({ id: 'gpus', header: 'GPUs', cell: (c) => gpuSummary(c.row.original) }),
      column.display({ id: 'benchmarks', header: 'Benchmarks', cell: (c) => benchmarkSummary(c.row.original) }),
      column.display({ id: 'health', header: 'Health', cell: (c) => healthSummary(c.row.original) }),
      column.display({ id: 'agent', header: 'Agent (live)', cell: (c) => <AgentReadings host={c.row.original} /> }),
      column.display({
        id: 'offer',
        header: 'Offer',
        cell: (c) => {
          const offer = c.row.original.offer;
          return offer.listed ? `${dollars(offer.on_demand_per_gpu_hour)} per GPU-hour` : 'unlisted';
        },
      }),
      column.display({
        id: 'manage',
        header: 'Actions',
        cell: (c) => (
          <button type="button" onClick={() => onManage(c.row.original.id)} aria-label={`Manage ${c.row.original.name}`}>
            Manage
          </button>
        ),
      }),
    ],
    [onManage],
  );
  const table = useReactTable({ data: hosts, columns, getCoreRowModel: getCoreRowModel(), getRowId: (h) => h.id });

  return (
    <DataTable
      table={table}
      label="machines"
      empty="No machines yet: create an enrollment token above and run the commands on your machine."
    />
  );
}
