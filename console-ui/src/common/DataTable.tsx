import { flexRender, type Table } from '@tanstack/react-table';
import type { ReactNode } from 'react';

/** The body rows of a TanStack table, one cell per visible column. */
export function TableRows<T>({ table }: { table: Table<T> }) {
  return (
    <>
      {table.getRowModel().rows.map((row) => (
        <tr key={row.id}>
          {row.getVisibleCells().map((cell) => (
            <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
          ))}
        </tr>
      ))}
    </>
  );
}

/**
 * A TanStack table as an accessible HTML table: named by {@code label}, column headers with scope, and
 * {@code empty} as one full-width row when there are no rows.
 */
export function DataTable<T>({ table, label, empty }: { table: Table<T>; label: string; empty?: ReactNode }) {
  return (
    <table aria-label={label}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                {flexRender(header.column.columnDef.header, header.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {empty !== undefined && table.getRowModel().rows.length === 0 && (
          <tr>
            <td colSpan={table.getVisibleLeafColumns().length}>{empty}</td>
          </tr>
        )}
        <TableRows table={table} />
      </tbody>
    </table>
  );
}
