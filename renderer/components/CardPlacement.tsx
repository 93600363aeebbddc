/** A picture of where the card goes: the reader's sensing area below the screen. */
export function CardPlacement({ label }: { label: string }) {
  return (
    <svg className="card-placement" viewBox="0 0 320 200" role="img" aria-label={label}>
      <rect x="20" y="120" width="280" height="60" rx="12" className="reader" />
      <text x="160" y="160" textAnchor="middle" className="reader-label">
        感应区
      </text>
      <g className="card">
        <rect x="95" y="20" width="130" height="82" rx="8" />
        <rect x="108" y="36" width="32" height="40" rx="3" className="photo" />
        <rect x="150" y="40" width="62" height="6" rx="3" className="line" />
        <rect x="150" y="54" width="50" height="6" rx="3" className="line" />
        <rect x="150" y="68" width="58" height="6" rx="3" className="line" />
      </g>
      <path d="M160 106 L160 116 M152 108 L160 116 L168 108" className="arrow" />
    </svg>
  );
}
