import type { MatterProof } from '../../electron/common/central-api.js';
import { useLocale, useT } from '../hooks.js';
import { formerProofName, proofHow } from '../screens/matter-text.js';

/** Each former paper proof and how it is satisfied now (直接取消 / 告知承诺 / 数据查验 / 部门核验). */
export function ProofList({ proofs }: { proofs: MatterProof[] }) {
  const t = useT();
  const locale = useLocale();
  if (proofs.length === 0) return <p className="hint">{t('matter.noProofs')}</p>;
  return (
    <ul className="proof-list">
      {proofs.map((p) => (
        <li key={p.proofType} className={`proof proof-${p.satisfiedBy}`} data-testid={`proof-${p.proofType}`} data-satisfied-by={p.satisfiedBy}>
          <span className="proof-former">{formerProofName(locale, p)}</span>
          <span className="proof-how">
            <span className="badge">{t(`proof.${p.satisfiedBy}`)}</span>
            {proofHow(locale, p)}
          </span>
        </li>
      ))}
    </ul>
  );
}
