import type { ReactNode } from 'react';
import { downloadText, toCsv, type CsvCell } from '../export/csv';

interface Props {
  headers: readonly string[];
  /** The table as text cells for the CSV, built only when the user downloads. */
  csvRows: () => readonly (readonly CsvCell[])[];
  fileName: string;
  /** data-action of the download button, for tests and later export menus. */
  action: string;
  downloadLabel: string;
  /** The body rows, rendered by the view with its own data- hooks. */
  children: ReactNode;
  tableAttrs?: Record<`data-${string}`, string>;
}

/** A scrollable data table with one header row and a CSV download of exactly what it shows. */
export function DownloadableTable({ headers, csvRows, fileName, action, downloadLabel, children, tableAttrs }: Props) {
  return (
    <>
      <button type="button" data-action={action} onClick={() => downloadText(fileName, toCsv(headers, csvRows()))}>
        {downloadLabel}
      </button>
      <div className="table-scroll tall">
        <table className="grid" {...tableAttrs}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}
