import { useKiosk, useT } from '../hooks.js';
import { selectNextCommitment } from '../store/slices/application/selectors.js';
import { HoldToConfirm } from '../components/HoldToConfirm.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';

/** 告知承诺: the text in full, confirmed by pressing and holding (never by a stray tap). */
export function CommitmentScreen() {
  const t = useT();
  const item = useKiosk(selectNextCommitment);
  const confirm = useKiosk((s) => s.commitmentConfirmed);
  if (!item) return null;
  const { proof } = item;
  return (
    <main className="screen commitment" data-testid="screen-commitment" data-proof={proof.proofType}>
      <SubjectBanner />
      <h2>{t('commit.title')}</h2>
      <p className="hint">{t('commit.formerProof', { proof: proof.formerProof })}</p>
      <blockquote className="commitment-text" data-testid="commitment-text">
        {proof.commitmentText ?? t('matter.howCommitment')}
      </blockquote>
      <p className="hint">{t('commit.holdHint')}</p>
      {/* key: a fresh gesture for each commitment. */}
      <HoldToConfirm key={item.key} label={t('commit.hold')} testId="commit-hold" onConfirm={() => confirm(proof.proofType)} />
      <NavRow />
    </main>
  );
}
