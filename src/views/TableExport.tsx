import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText, tableToCsv } from '../export/csv';
import { downloadBytes, MIME } from '../export/download';
import type { ExportTable } from '../export/table';
import { errorText, TechnicalDetails } from '../ui/TechnicalDetails';

interface Props {
  /** The table model, built (or read from the database) only when the user downloads. */
  table: () => ExportTable | Promise<ExportTable>;
  /** File name without extension. */
  fileName: string;
  /** data-action of the CSV button; the XLSX button gets `<action>-xlsx`. */
  action: string;
}

/** "CSV" and "Excel" downloads of one table, both from the same table model. */
export function TableExport({ table, fileName, action }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<{ text: string; details: string } | null>(null);
  const run = async (kind: 'csv' | 'xlsx') => {
    setError(null);
    try {
      const model = await table();
      if (kind === 'csv') downloadText(`${fileName}.csv`, tableToCsv(model));
      else {
        // The writer is loaded on first use: views that are only looked at never pay for it.
        const { tableToXlsx } = await import('../export/xlsx');
        downloadBytes(`${fileName}.xlsx`, await tableToXlsx(model), MIME.xlsx);
      }
    } catch (e) {
      setError({ text: t('exporting.failed'), details: errorText(e) });
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: two download buttons grouped for screen readers, inline in the text
    <div className="table-export" role="group" aria-label={t('exporting.tableExport')}>
      <button type="button" data-action={action} onClick={() => void run('csv')}>
        {t('exporting.csv')}
      </button>
      <button type="button" data-action={`${action}-xlsx`} onClick={() => void run('xlsx')}>
        {t('exporting.xlsx')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error.text}
        </span>
      )}
      <TechnicalDetails text={error?.details} />
    </div>
  );
}
