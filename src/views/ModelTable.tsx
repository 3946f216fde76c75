import { exportValue, type ExportTable } from '../export/table';

/** A table model drawn as an HTML table (text only, as every cell may come from a user's file). */
export function ModelTable({ table, attrs }: { table: ExportTable; attrs?: Record<`data-${string}`, string> }) {
  return (
    <table className="grid model-table" {...attrs}>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={i}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i}>
            {table.columns.map((c, j) => (
              <td key={j} className={c.type === 'number' ? 'num' : undefined}>
                {exportValue(c, r[j]) ?? ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
