import { useKiosk, useLocale, useT } from '../hooks.js';
import { formerProofName } from './matter-text.js';
import { selectNextCommitment } from '../store/slices/application/selectors.js';
import { HoldToConfirm } from '../components/HoldToConfirm.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';

/** 告知承诺: the text in full, confirmed by pressing and holding (never by a stray tap). */
export function CommitmentScreen() {
  const t = useT();
  const locale = useLocale();
  const item = useKiosk(selectNextCommitment);
  const confirm = useKiosk((s) => s.commitmentConfirmed);
  if (!item) return null;
  const { proof } = item;
  return (
    <main className="screen commitment" data-testid="screen-commitment" data-proof={proof.proofType}>
      <SubjectBanner />
      <h2>{t('commit.title')}</h2>
      <p className="hint">{t('commit.formerProof', { proof: formerProofName(locale, proof) })}</p>
      <ScrollRegion>
        <blockquote className="commitment-text" data-testid="commitment-text" lang="zh-CN">
          {proof.commitmentText ?? t('matter.howCommitment')}
        </blockquote>
        {/* The Chinese text is the one signed; in English mode a rendering follows it. */}
        {locale === 'en' && proof.commitmentTextEn && (
          <p className="commitment-translation" data-testid="commitment-translation" lang="en">
            {proof.commitmentTextEn}
          </p>
        )}
      </ScrollRegion>
      <div className="screen-actions commitment-actions">
        <p className="hint">{t('commit.holdHint')}</p>
        {/* key: a fresh gesture for each commitment. */}
        <HoldToConfirm key={item.key} label={t('commit.hold')} testId="commit-hold" onConfirm={() => confirm(proof.proofType)} />
        <NavRow />
      </div>
    </main>
  );
}
