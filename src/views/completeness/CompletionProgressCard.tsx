import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { completionInput, completionOption } from '../../charts/completion';
import { EChart } from '../../charts/EChart';
import { currentLang } from '../../i18n';
import type { CompletionProgress } from '../../queries/completeness';
import { completionSentence } from '../../report/completion';

/**
 * The cycle's completion as the work reports put it ("截至12月10日，完成换届 8 个村，占…") and its
 * cumulative curve by election date; the overview shows the same card for its place.
 */
export function CompletionProgressCard({
  progress,
  place = '',
  chart = true,
}: {
  progress: CompletionProgress;
  place?: string;
  chart?: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const sentence = completionSentence(progress, lang, place);
  const option = useMemo(
    () =>
      completionOption(
        completionInput(
          { title: t('completeness.chartTitle'), subtitle: place, denominator: t('completeness.chartDenominator'), lang },
          progress.days,
          [
            { key: 'all', label: t('completeness.all'), expected: progress.all.expected },
            { key: 'key', label: t('completeness.markKey'), expected: progress.key.expected },
            { key: 'difficult', label: t('completeness.markDifficult'), expected: progress.difficult.expected },
          ],
        ),
      ),
    [progress, t, lang, place],
  );
  if (sentence === null) return null;
  return (
    <section className="card completion-progress" data-completion="" data-done={progress.all.done} data-expected={progress.all.expected}>
      <p className="completion-sentence" data-shown={progress.all.shown ?? ''}>
        {sentence}
      </p>
      {progress.undated > 0 && <p className="muted">{t('completeness.undated', { n: progress.undated })}</p>}
      {chart && progress.days.length > 0 && <EChart option={option} height={300} data-chart="completion" />}
    </section>
  );
}
