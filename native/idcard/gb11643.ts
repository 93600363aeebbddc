/** GB 11643 check digit of an 18-character citizen ID number. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits, or undefined if they are not 17 digits. */
export function gb11643CheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11];
}

export function isValidGb11643(id: string): boolean {
  if (id.length !== 18) return false;
  const expected = gb11643CheckChar(id.slice(0, 17));
  return expected !== undefined && expected === id[17]!.toUpperCase();
}
