/** A picture of the code step: a phone showing its code, held over the scanner window below the screen; the beam moves (CSS). */
export function ScannerPlacement({ label }: { label: string }) {
  return (
    <svg className="scanner-placement" viewBox="0 0 320 200" role="img" aria-label={label}>
      <rect x="60" y="150" width="200" height="36" rx="10" className="reader" />
      <text x="160" y="174" textAnchor="middle" className="reader-label">
        扫码口
      </text>
      <g className="phone">
        <rect x="120" y="14" width="80" height="116" rx="10" />
        <rect x="136" y="40" width="48" height="48" rx="2" className="qr" />
        <path d="M140 44h10v10h-10z M170 44h10v10h-10z M140 74h10v10h-10z M160 60h6v6h-6z M170 72h8v8h-8z" className="qr-marks" />
      </g>
      <rect x="128" y="138" width="64" height="4" rx="2" className="scan-beam" />
    </svg>
  );
}
