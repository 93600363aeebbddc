/** The queue ticket (排队凭条), laid out for 58 mm and 80 mm paper. */
import { EscPosEncoder } from '../../../native/printer/encoder.js';
import type { PrinterProfile } from '../../../native/printer/profiles.js';
import { displayWidth, formatHallTime, labelValue, wrap } from './layout.js';
import { maskIdNumber } from '../../common/masking.js';
import type { TicketPriorityMark, TicketPrintModel } from './models.js';

export const PRIORITY_LABEL: Record<TicketPriorityMark, string> = {
  priority: '【优先办理】',
  'green-channel': '【绿色通道】',
};

/** Title lines at double size when they fit, else normal-size bold. */
export function heading(encoder: EscPosEncoder, text: string): void {
  const cols = encoder.profile.charsPerLine;
  encoder.align('center').bold(true);
  if (displayWidth(text) * 2 <= cols) encoder.size(2, 2).line(text).size(1, 1);
  else for (const line of wrap(text, cols)) encoder.line(line);
  encoder.bold(false);
}

/** 前面等候: the live count, or the kiosk's estimate said as such. */
export function peopleAheadText(model: Pick<TicketPrintModel, 'peopleAhead' | 'queueEstimated'>): string {
  return model.queueEstimated ? `约 ${model.peopleAhead} 人（估算）` : `${model.peopleAhead} 人`;
}

export function encodeTicket(model: TicketPrintModel, profile: PrinterProfile): Uint8Array {
  const cols = profile.charsPerLine;
  const e = new EscPosEncoder(profile).initialize().chinese(true);
  heading(e, model.hallName);
  e.line(model.reprint ? '排队取号凭条（补打）' : '排队取号凭条').separator('=');
  if (model.priority) e.bold(true).size(2, 2).line(PRIORITY_LABEL[model.priority]).size(1, 1).bold(false);
  const numberSize = profile.paperMm === 80 ? 4 : 3;
  e.align('center').bold(true).size(numberSize, numberSize).line(model.ticketNumber).size(1, 1).bold(false);
  for (const line of wrap(model.matter, cols)) e.line(line);
  e.newline().align('left');
  const rows: Array<[string, string]> = [
    ['前面等候', peopleAheadText(model)],
    ['预计等候', `约 ${model.estimatedWaitMinutes} 分钟`],
    ['取号时间', formatHallTime(model.issuedAt, model.timeZone)],
    ['自助机编号', model.kioskId],
  ];
  if (model.idNumber) rows.push(['证件号码', maskIdNumber(model.idNumber)]);
  for (const [label, value] of rows) for (const line of labelValue(`${label}：`, value, cols)) e.line(line);
  e.separator('-').align('center').qr(model.trackingUrl, { size: profile.paperMm === 80 ? 6 : 5, errorLevel: 'M' });
  e.line('微信/支付宝扫码查看排队进度');
  if (model.evaluationUrl) e.newline().qr(model.evaluationUrl, { size: profile.paperMm === 80 ? 4 : 3, errorLevel: 'M' }).line('办完后扫码评价（好差评）');
  e.align('left').newline();
  const notes = ['请留意叫号屏和广播，过号请重新取号。', '本凭条不含完整个人信息。'];
  for (const note of notes) for (const line of wrap(note, cols)) e.line(line);
  return e.feed(3).cut('partial').encode();
}
