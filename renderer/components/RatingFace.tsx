/** A face for each 好差评 level, drawn (no emoji font needed on the kiosk). 5: a wide smile … 1: a frown. */
export function RatingFace({ level }: { level: 1 | 2 | 3 | 4 | 5 }) {
  // The mouth's curve: positive bends down at the middle (a smile), negative up (a frown).
  const bend = { 5: 14, 4: 8, 3: 0, 2: -8, 1: -14 }[level];
  const colour = level >= 4 ? '#1f8a4c' : level === 3 ? '#5b6573' : '#b7791f';
  return (
    <svg className="face" viewBox="0 0 64 64" width="72" height="72" aria-hidden="true">
      <circle cx="32" cy="32" r="29" fill="#fff" stroke={colour} strokeWidth="4" />
      <circle cx="22" cy="25" r="4" fill={colour} />
      <circle cx="42" cy="25" r="4" fill={colour} />
      <path d={`M18 ${44 - bend / 2} Q32 ${44 + bend} 46 ${44 - bend / 2}`} fill="none" stroke={colour} strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
