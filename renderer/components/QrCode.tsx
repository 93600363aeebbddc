import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code drawn on screen as inline SVG (the `qrcode` package renders it in the page). */
export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((markup) => live && setSvg(markup))
      .catch((error: unknown) => console.error('kiosk: QR code not drawn', error));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <figure className="qr" data-testid={testId} data-qr-text={text}>
      {/* The markup comes from the qrcode library, never from the citizen or the network. */}
      {svg ? <div className="qr-image" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} /> : <div className="qr-image" />}
      <figcaption>{label}</figcaption>
    </figure>
  );
}
