import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../i18n';
import { downloadBlob, MIME } from '../export/download';
import { dataSourceText, exportDate, useExportInfo } from '../export/exportInfo';
import { exportOption, exportSize, FOOTER_HEIGHT, footerText, optionSubtitle, optionTitle, type Size } from './exportFrame';
import type { ChartOption } from './option';
import { errorText, TechnicalDetails } from '../ui/TechnicalDetails';

type Kind = 'png2' | 'png3' | 'svg' | 'copy';

interface Props {
  option: ChartOption;
  /** The chart's size on screen, read when the user exports. */
  shownSize: () => Size;
}

/**
 * The option and size of an export, with the source and date footer in the UI language. `exact`:
 * drawn at the size given plus the footer, as the Word report places it, instead of grown to give
 * every category room.
 */
export function useExportOption(): (option: ChartOption, shown: Size, exact?: boolean) => { option: ChartOption; size: Size } {
  const info = useExportInfo();
  return (option, shown, exact = false) => {
    const lang = currentLang();
    const decorated = exportOption(option, footerText(dataSourceText(info.files, lang), exportDate(), lang));
    return {
      option: decorated,
      size: exact ? { width: Math.round(shown.width), height: Math.round(shown.height) + FOOTER_HEIGHT } : exportSize(decorated, shown),
    };
  };
}

/** PNG (2×, 3×), SVG and copy-to-clipboard for one chart; the renderers load on first use. */
// Memoised: a chart's page re-renders on every answer of a scope change, this menu only with its chart's option.
export const ChartExportMenu = memo(function ChartExportMenu({ option, shownSize }: Props) {
  const { t } = useTranslation();
  const prepare = useExportOption();
  const [status, setStatus] = useState<{ ok: boolean; text: string; details?: string } | null>(null);
  const base = [optionTitle(option), optionSubtitle(option)].filter(Boolean).join('-').replaceAll(' · ', '-');

  const run = async (kind: Kind) => {
    setStatus(null);
    try {
      const { chartPng, chartSvg } = await import('../export/chartImage');
      const { option: out, size } = prepare(option, shownSize());
      if (kind === 'svg') {
        downloadBlob(`${base}.svg`, new Blob([await chartSvg(out, size)], { type: MIME.svg }));
      } else if (kind === 'copy') {
        if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new Error(t('exporting.noClipboard'));
        // The promise goes into the item at once: the browser still counts the click as the user's.
        await navigator.clipboard.write([new ClipboardItem({ [MIME.png]: chartPng(out, size, 2) })]);
        setStatus({ ok: true, text: t('exporting.copied') });
      } else {
        const ratio = kind === 'png3' ? 3 : 2;
        downloadBlob(`${base}@${ratio}x.png`, await chartPng(out, size, ratio));
      }
    } catch (e) {
      setStatus({ ok: false, text: t('exporting.failed'), details: errorText(e) });
    }
  };

  const button = (kind: Kind, label: string, title: string) => (
    <button type="button" className="link" data-export={kind} title={title} onClick={() => void run(kind)}>
      {label}
    </button>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: the export buttons of a chart, grouped for screen readers, inline under it
    <div className="chart-export" role="group" aria-label={t('exporting.chartExport')}>
      {button('png2', 'PNG 2×', t('exporting.png', { ratio: 2 }))}
      {button('png3', 'PNG 3×', t('exporting.png', { ratio: 3 }))}
      {button('svg', 'SVG', t('exporting.svg'))}
      {button('copy', t('exporting.copy'), t('exporting.copyTitle'))}
      {status && (
        <span className={status.ok ? 'ok-text' : 'error'} role="status" data-export-status={status.ok ? 'ok' : 'error'}>
          {status.text}
        </span>
      )}
      <TechnicalDetails text={status?.details} />
    </div>
  );
});
