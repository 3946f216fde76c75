import type { ReactNode } from 'react';
import type { ExportTable } from '../export/table';
import { TableExport } from './TableExport';

interface Props {
  /** The header cells shown; the export carries its own column headers. */
  headers: readonly string[];
  /** The table model for CSV and XLSX, built only when the user downloads. */
  table: () => ExportTable | Promise<ExportTable>;
  /** File name without extension. */
  fileName: string;
  /** data-action of the CSV button (the XLSX one gets `-xlsx`), for tests. */
  action: string;
  /** The body rows, rendered by the view with its own data- hooks. */
  children: ReactNode;
  tableAttrs?: Record<`data-${string}`, string>;
  /** Sortable headers: the column sorted and which way, and what a click on a header asks. */
  sort?: { column: number | null; desc: boolean; onSort: (column: number) => void };
}

/** A scrollable data table with one header row and CSV/XLSX downloads of exactly what it shows. */
export function DownloadableTable({ headers, table, fileName, action, children, tableAttrs, sort }: Props) {
  return (
    <>
      <TableExport table={table} fileName={fileName} action={action} />
      <div className="table-scroll tall">
        <table className="grid" {...tableAttrs}>
          <thead>
            <tr>
              {headers.map((h, i) =>
                sort ? (
                  <th key={h} aria-sort={sort.column === i ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="link" data-sort-column={i} onClick={() => sort.onSort(i)}>
                      {h} {sort.column === i ? (sort.desc ? '▼' : '▲') : ''}
                    </button>
                  </th>
                ) : (
                  <th key={h}>{h}</th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}
