/**
 * Draws a cut ticket as the print head would: a monospaced 12/24-dot grid (font A),
 * Noto Sans CJK for the glyphs, QR codes from the `qrcode` package's module matrix.
 */
import type * as CanvasModule from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { loadCanvas } from '../canvas.js';
import QRCode from 'qrcode';
import type { PaperBlock, TextSpan } from './paper.js';

const FONT_DIR = '/usr/share/fonts/opentype/noto';
const FAMILY = 'KioskPrinterCJK';
const FAMILY_BOLD = 'KioskPrinterCJKBold';
const CELL = 12; // half-width column in dots; a CJK glyph takes two
const GLYPH = 24;
const LINE = 30; // default line spacing (1/6 inch at 180 dpi ≈ 30 dots)
const MARGIN = 24;
/** The canvas with the printer's fonts registered, at the first ticket drawn. */
let canvasReady: Promise<typeof CanvasModule> | null = null;
const canvasWithFonts = () =>
  (canvasReady ??= loadCanvas().then((canvas) => {
    canvas.GlobalFonts.registerFromPath(`${FONT_DIR}/NotoSansCJK-Regular.ttc`, FAMILY);
    canvas.GlobalFonts.registerFromPath(`${FONT_DIR}/NotoSansCJK-Bold.ttc`, FAMILY_BOLD);
    return canvas;
  }));

/** Columns a character takes on a font-A printer: ASCII 1, everything else 2. */
export function columnsOf(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : 2;
}

function spanWidth(span: TextSpan): number {
  let cols = 0;
  for (const ch of span.text) cols += columnsOf(ch);
  return cols * CELL * span.width;
}

function qrMatrix(block: Extract<PaperBlock, { kind: 'qr' }>): { size: number; dark: (x: number, y: number) => boolean } {
  const qr = QRCode.create([{ data: Buffer.from(block.bytes), mode: 'byte' }], { errorCorrectionLevel: block.level });
  const { size, data } = qr.modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

function blockHeight(block: PaperBlock): number {
  if (block.kind === 'feed') return block.lines * LINE;
  if (block.kind === 'qr') return qrMatrix(block).size * block.moduleSize + 16;
  const tallest = Math.max(1, ...block.spans.map((s) => s.height));
  return LINE + (tallest - 1) * GLYPH;
}

function startX(align: 'left' | 'center' | 'right', width: number, paperDots: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paperDots - width) / 2));
  if (align === 'right') return Math.max(0, paperDots - width);
  return 0;
}

function drawLine(ctx: SKRSContext2D, block: Extract<PaperBlock, { kind: 'line' }>, top: number, paperDots: number): void {
  const total = block.spans.reduce((n, s) => n + spanWidth(s), 0);
  const height = blockHeight(block);
  let x = MARGIN + startX(block.align, total, paperDots);
  for (const span of block.spans) {
    const baseline = top + height - 6 - 4 * (span.height - 1);
    ctx.save();
    ctx.font = `${GLYPH}px ${span.bold ? FAMILY_BOLD : FAMILY}`;
    ctx.textBaseline = 'alphabetic';
    for (const ch of span.text) {
      const cols = columnsOf(ch);
      ctx.save();
      ctx.translate(x, baseline);
      ctx.scale(span.width, span.height);
      // Half-width glyphs centred in their 12-dot cell, full-width in 24.
      const advance = ctx.measureText(ch).width;
      ctx.fillText(ch, (cols * CELL - advance) / 2, -2);
      ctx.restore();
      const step = cols * CELL * span.width;
      if (span.underline) ctx.fillRect(x, baseline + 2, step, 2);
      x += step;
    }
    ctx.restore();
  }
}

function drawQr(ctx: SKRSContext2D, block: Extract<PaperBlock, { kind: 'qr' }>, top: number, paperDots: number): void {
  const matrix = qrMatrix(block);
  const side = matrix.size * block.moduleSize;
  const left = MARGIN + startX(block.align, side, paperDots);
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (matrix.dark(x, y)) ctx.fillRect(left + x * block.moduleSize, top + 6 + y * block.moduleSize, block.moduleSize, block.moduleSize);
    }
  }
}

/** PNG bytes of the ticket on paper `paperDots` wide (576 for 80 mm, 384 for 58 mm). */
export async function renderTicketPng(blocks: readonly PaperBlock[], paperDots: number, interruptedBy?: string): Promise<Buffer> {
  const { createCanvas } = await canvasWithFonts();
  const heights = blocks.map(blockHeight);
  const height = MARGIN * 2 + heights.reduce((a, b) => a + b, 0) + (interruptedBy ? LINE * 2 : 0);
  const canvas = createCanvas(paperDots + MARGIN * 2, Math.max(height, 100));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111111';
  let top = MARGIN;
  blocks.forEach((block, i) => {
    if (block.kind === 'line') drawLine(ctx, block, top, paperDots);
    else if (block.kind === 'qr') drawQr(ctx, block, top, paperDots);
    top += heights[i] ?? 0;
  });
  if (interruptedBy) {
    ctx.fillStyle = '#c00000';
    ctx.font = `${GLYPH}px ${FAMILY_BOLD}`;
    ctx.fillText(`[printing stopped: ${interruptedBy}]`, MARGIN, top + LINE);
  }
  return canvas.encode('png');
}
