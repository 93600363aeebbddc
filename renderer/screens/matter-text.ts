/** How a matter and its proofs read to the citizen, in the current language. */
import type { MatterProof } from '../../electron/common/central-api.js';
import type { MatterView } from '../../electron/common/journey-schemas.js';
import { formatDuration, isMessageKey, translate, type Locale } from '../i18n/i18n.js';

export const matterName = (locale: Locale, matter: MatterView): string => (locale === 'en' ? matter.nameEn : matter.name);

/** The former paper proof in the citizen's language (the catalog's Chinese when it has no English). */
export const formerProofName = (locale: Locale, proof: { formerProof: string; formerProofEn?: string | null }): string =>
  (locale === 'en' && proof.formerProofEn) || proof.formerProof;

/** Why a matter is done at a window, in the citizen's language. */
export const windowReasonText = (locale: Locale, matter: MatterView): string | undefined =>
  (locale === 'en' && matter.windowReasonEn) || matter.windowReason;

/** A catalog category in the citizen's language (an unknown category shows as the catalog spells it). */
export const categoryName = (locale: Locale, category: string): string => {
  const key = `category.${category}`;
  return isMessageKey(key) ? translate(locale, key) : category;
};

/** One line saying how a former proof is satisfied now. */
export function proofHow(locale: Locale, proof: MatterProof): string {
  switch (proof.satisfiedBy) {
    case 'removed':
      return translate(locale, 'matter.howRemoved');
    case 'commitment':
      return translate(locale, 'matter.howCommitment');
    case 'data-check':
      return translate(locale, 'matter.howDataCheck');
    case 'department-verification':
      return proof.promisedMinutes
        ? translate(locale, 'matter.howVerification', { time: formatDuration(locale, proof.promisedMinutes) })
        : translate(locale, 'matter.howVerificationUntimed');
  }
}
