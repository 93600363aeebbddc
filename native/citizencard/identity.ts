/** Maps a social-security card to the kiosk's one Identity shape (cardType 'social-security'). */
import type { Identity } from '../../electron/common/identity.js';
import { isValidIdNumber, isoDate } from './fields.js';
import type { SocialSecurityCard } from './social-security.js';

export function socialSecurityIdentity(card: SocialSecurityCard): Identity {
  const extra: Record<string, string> = {
    cardNumber: card.cardNumber,
    cardIdentifier: card.cardIdentifier,
    region: card.region,
    specVersion: card.specVersion,
  };
  if (card.issueDate) extra.issueDate = card.issueDate;
  if (card.expiryDate) extra.expiryDate = card.expiryDate;
  return {
    cardType: 'social-security',
    name: card.name,
    sex: card.sex,
    nation: card.nation,
    // Older cards leave the birth-date record empty; the ID number carries it too.
    birthDate: card.birthDate ?? isoDate(card.idNumber.slice(6, 14)) ?? '',
    address: '',
    idNumber: card.idNumber,
    idNumberValid: isValidIdNumber(card.idNumber),
    // The card names its issuing region by code only; the code is in extra.region.
    issuer: '',
    validFrom: card.issueDate ?? '',
    validTo: card.expiryDate ?? '',
    extra,
  };
}
