/** The application receipt (办件回执): how each former proof was satisfied, next steps, QR codes. */
import { EscPosEncoder } from '../../../native/printer/encoder.js';
import type { PrinterProfile } from '../../../native/printer/profiles.js';
import { formatHallTime, labelValue, wrap } from './layout.js';
import { maskIdNumber } from '../../common/masking.js';
import type { ProofResolution, ReceiptPrintModel } from './models.js';
import { heading } from './ticket-template.js';

export function describeResolution(resolution: ProofResolution, timeZone?: string): string {
  switch (resolution.kind) {
    case 'removed':
      return resolution.basis ? `已取消，无需提供（依据：${resolution.basis}）` : '已取消，无需提供';
    case 'commitment':
      return '告知承诺制：已签署承诺书，无需提供';
    case 'data-check':
      return `数据核验通过（数据来源：${resolution.source}）`;
    case 'department-verification':
      return `由${resolution.department}协查核验，承诺 ${formatHallTime(resolution.promisedBy, timeZone)} 前反馈`;
  }
}

export function encodeReceipt(model: ReceiptPrintModel, profile: PrinterProfile): Uint8Array {
  const cols = profile.charsPerLine;
  const e = new EscPosEncoder(profile).initialize().chinese(true);
  heading(e, model.hallName);
  e.line(model.reprint ? '办件回执（补打）' : '办件回执').separator('=').align('left');
  for (const line of wrap(`办理事项：${model.matter}`, cols, '　　　　　')) e.line(line);
  e.text('申请编号：').bold(true).line(model.applicationNumber).bold(false);
  const rows: Array<[string, string]> = [];
  if (model.idNumber) rows.push(['申请人证件', maskIdNumber(model.idNumber)]);
  rows.push(['提交时间', formatHallTime(model.submittedAt, model.timeZone)], ['自助机编号', model.kioskId]);
  for (const [label, value] of rows) for (const line of labelValue(`${label}：`, value, cols)) e.line(line);
  e.separator('-');
  if (model.proofs.length > 0) {
    e.bold(true).line('原证明材料办理情况').bold(false);
    model.proofs.forEach((proof, i) => {
      for (const line of wrap(`${i + 1}. ${proof.name}`, cols, '   ')) e.line(line);
      for (const line of wrap(`   → ${describeResolution(proof.resolution, model.timeZone)}`, cols, '     ')) e.line(line);
    });
    e.separator('-');
  }
  if (model.commitmentText) {
    e.bold(true).line('告知承诺内容').bold(false);
    for (const line of wrap(model.commitmentText, cols)) e.line(line);
    e.separator('-');
  }
  if (model.nextSteps.length > 0) {
    e.bold(true).line('后续步骤').bold(false);
    model.nextSteps.forEach((step, i) => {
      for (const line of wrap(`${i + 1}. ${step}`, cols, '   ')) e.line(line);
    });
    e.separator('-');
  }
  const qrSize = profile.paperMm === 80 ? 5 : 4;
  e.align('center').qr(model.trackingUrl, { size: qrSize, errorLevel: 'M' }).line('扫码查询办件进度').newline();
  e.qr(model.evaluationUrl, { size: qrSize, errorLevel: 'M' }).line('扫码评价本次服务（好差评）');
  return e.align('left').feed(3).cut('partial').encode();
}
