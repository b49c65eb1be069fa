import { TableRows } from '../common/DataTable';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Link } from 'wouter';
import { Badges } from './Badges';
import { decimal, percent, perHour, titleCase } from './format';
import type { Offer } from './types';

const column = createColumnHelper<Offer>();

/** Columns the marketplace can order by: the query's field for each (the table is ordered by the query). */
const ORDER_FIELDS: Record<string, string> = {
  num_gpus: 'num_gpus',
  score: 'score',
  value: 'value',
  price: 'price',
  reliability: 'reliability',
};

const columns = [
  column.accessor('gpu_name', {
    id: 'gpu',
    header: 'GPU',
    cell: (info) => <Link href={`/offers/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  column.accessor('num_gpus', { id: 'num_gpus', header: 'GPUs' }),
  column.accessor('score_per_gpu', {
    id: 'score',
    header: 'Assay Score',
    cell: (info) => (
      <span title={`${decimal(info.row.original.total_score)} for all ${info.row.original.num_gpus} GPUs`}>
        {decimal(info.getValue())}
      </span>
    ),
  }),
  column.accessor((offer) => offer.value?.score_per_dollar_hour, {
    id: 'value',
    header: 'Value (score per $/h)',
    cell: (info) => (info.getValue() === undefined ? 'free' : decimal(info.getValue(), 0)),
  }),
  column.accessor('price_per_hour', { id: 'price', header: 'All-in $/h', cell: (info) => perHour(info.getValue()) }),
  column.accessor('reliability', {
    id: 'reliability',
    header: 'Reliability',
    cell: (info) => <span title="conservative lower bound">{percent(info.getValue())}</span>,
  }),
  column.accessor('region', {
    id: 'region',
    header: 'Region',
    cell: (info) => `${info.getValue()} (${info.row.original.geolocation})`,
  }),
  column.accessor('tier', { id: 'tier', header: 'Tier', cell: (info) => titleCase(info.getValue()) }),
  column.display({ id: 'badges', header: 'Badges', cell: (info) => <Badges offer={info.row.original} /> }),
  column.display({
    id: 'deploy',
    header: () => <span className="visually-hidden">Actions</span>,
    cell: (info) => <Link href={`/deploy/${info.row.original.id}`}>Deploy</Link>,
  }),
];

/**
 * The offers of the current query. The marketplace orders them (the table never re-sorts a page it was given):
 * a sortable header writes `order by` into the query instead.
 */
export function OffersTable({
  offers,
  order,
  onOrder,
  caption,
}: {
  offers: Offer[];
  order: { field: string; direction: 'asc' | 'desc' };
  onOrder: (field: string, direction: 'asc' | 'desc') => void;
  caption: string;
}) {
  const table = useReactTable({ data: offers, columns, getCoreRowModel: getCoreRowModel(), getRowId: (offer) => offer.id });
  return (
    <table aria-label="offers" className="offers-table">
      <caption>{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const field = ORDER_FIELDS[header.column.id];
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const active = field !== undefined && order.field === field;
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={active ? (order.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {field === undefined ? (
                    label
                  ) : (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onOrder(field, active && order.direction === 'desc' ? 'asc' : 'desc')}
                    >
                      {label}
                      <span aria-hidden="true">{active ? (order.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        <TableRows table={table} />
      </tbody>
    </table>
  );
}
