import { DataTable } from '../common/DataTable';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { formatMoney } from '../pods/money';
import type { LedgerEntry } from './types';

const column = createColumnHelper<LedgerEntry>();
const account = (kind: string) => kind.replace('_', ' ');
const columns = [
  column.accessor('created_at', { header: 'When', cell: ({ getValue }) => new Date(getValue()).toLocaleString() }),
  column.accessor('kind', { header: 'Kind' }),
  column.display({
    id: 'accounts',
    header: 'From → to',
    cell: ({ row }) => `${account(row.original.from_account)} → ${account(row.original.to_account)}`,
  }),
  column.accessor('amount', { header: 'Amount', cell: ({ getValue }) => formatMoney(getValue()) }),
  column.accessor('balance_change', { header: 'Balance change', cell: ({ getValue }) => formatMoney(getValue()) }),
  column.accessor('host_payable_change', { header: 'Host payable change', cell: ({ getValue }) => formatMoney(getValue()) }),
  column.display({
    id: 'what',
    header: 'For',
    cell: ({ row }) => {
      const e = row.original;
      if (e.pod_id && e.period_from && e.period_to) {
        return `${e.pod_id}, ${new Date(e.period_from).toLocaleTimeString()}–${new Date(e.period_to).toLocaleTimeString()}`;
      }
      return e.reference ?? '—';
    },
  }),
];

/** The organisation's transfers, newest first; `entries` must keep its identity between renders. */
export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  const table = useReactTable({
    data: entries,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => e.transfer_id,
  });
  return <DataTable table={table} label="ledger" />;
}
