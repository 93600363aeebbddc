/** GB 11643 resident ID numbers for the synthetic population. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`ID number body must be 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && checkDigit(id.slice(0, 17)) === id[17];
}

/** region (6 digits) + birth YYYYMMDD + 3-digit sequence (odd = male) + check digit. */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const body = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + checkDigit(body);
}
