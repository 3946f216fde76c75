import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText, tableToCsv } from '../export/csv';
import { downloadBytes, MIME } from '../export/download';
import type { ExportTable } from '../export/table';

interface Props {
  /** The table model, built only when the user downloads. */
  table: () => ExportTable;
  /** File name without extension. */
  fileName: string;
  /** data-action of the CSV button; the XLSX button gets `<action>-xlsx`. */
  action: string;
}

/** "CSV" and "Excel" downloads of one table, both from the same table model. */
export function TableExport({ table, fileName, action }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const xlsx = async () => {
    setError(null);
    try {
      // The writer is loaded on first use: views that are only looked at never pay for it.
      const { tableToXlsx } = await import('../export/xlsx');
      downloadBytes(`${fileName}.xlsx`, await tableToXlsx(table()), MIME.xlsx);
    } catch (e) {
      setError(t('exporting.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <span className="table-export" role="group" aria-label={t('exporting.tableExport')}>
      <button type="button" data-action={action} onClick={() => downloadText(`${fileName}.csv`, tableToCsv(table()))}>
        {t('exporting.csv')}
      </button>
      <button type="button" data-action={`${action}-xlsx`} onClick={() => void xlsx()}>
        {t('exporting.xlsx')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
