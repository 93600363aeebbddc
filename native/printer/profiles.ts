/**
 * Printer models as data (after ReceiptPrinterEncoder): what the paper holds and which
 * commands the mechanism understands. Widths are for font A (12×24 dots, CJK 24×24).
 */
export interface PrinterProfile {
  readonly id: string;
  readonly paperMm: 58 | 80;
  /** Printable width in dots at 203 dpi. */
  readonly dotsPerLine: number;
  /** Font A half-width columns per line; one Chinese character takes two. */
  readonly charsPerLine: number;
  /** Whether `FS &` / GB18030 text is understood; without it non-ASCII prints as '?'. */
  readonly chineseMode: boolean;
  /** Whether the mechanism has an autocutter; without one a cut becomes a feed. */
  readonly cutter: boolean;
  /** Whether `GS ( k` QR model 2 is supported. */
  readonly qr: boolean;
}

export const PROFILE_80MM: PrinterProfile = {
  id: 'generic-80mm',
  paperMm: 80,
  dotsPerLine: 576,
  charsPerLine: 48,
  chineseMode: true,
  cutter: true,
  qr: true,
};

export const PROFILE_58MM: PrinterProfile = {
  id: 'generic-58mm',
  paperMm: 58,
  dotsPerLine: 384,
  charsPerLine: 32,
  chineseMode: true,
  cutter: true,
  qr: true,
};

export function profileForPaper(paper: 58 | 80): PrinterProfile {
  return paper === 58 ? PROFILE_58MM : PROFILE_80MM;
}
