/**
 * Sample print models: the CLI test ticket, the README picture and tests use them.
 * The ID number is a made-up one with a valid check digit; it is printed masked.
 */
import type { ReceiptPrintModel, TicketPrintModel } from './models.js';

export const SAMPLE_ISSUED_AT = Date.UTC(2026, 10, 23, 6, 5); // 2026-11-23 14:05 in Beijing

export function sampleTicket(overrides: Partial<TicketPrintModel> = {}): TicketPrintModel {
  return {
    hallName: '西湖区政务服务中心',
    ticketNumber: 'A023',
    matter: '居民身份证换领、补领（含港澳台居民居住证）',
    peopleAhead: 5,
    estimatedWaitMinutes: 15,
    issuedAt: SAMPLE_ISSUED_AT,
    kioskId: 'XH-KIOSK-01',
    trackingUrl: 'https://zwfw.example.gov.cn/q/t/A023?h=330106&d=20261123',
    evaluationUrl: 'https://zwfw.example.gov.cn/hcp?t=A023&k=XH-KIOSK-01',
    idNumber: '11010519491231002X',
    ...overrides,
  };
}

export function sampleReceipt(overrides: Partial<ReceiptPrintModel> = {}): ReceiptPrintModel {
  return {
    hallName: '西湖区政务服务中心',
    matter: '城乡居民基本养老保险参保登记',
    applicationNumber: 'SQ3301062026112300017',
    idNumber: '11010519491231002X',
    submittedAt: SAMPLE_ISSUED_AT,
    kioskId: 'XH-KIOSK-01',
    proofs: [
      { name: '户籍证明', resolution: { kind: 'data-check', source: '公安户籍库' } },
      { name: '无犯罪记录证明', resolution: { kind: 'commitment' } },
      { name: '居住证明', resolution: { kind: 'removed', basis: '浙政办发〔2024〕12号' } },
      { name: '未参加职工养老保险证明', resolution: { kind: 'department-verification', department: '区人力社保局', promisedBy: SAMPLE_ISSUED_AT + 3 * 86_400_000 } },
    ],
    commitmentText: '本人承诺所填报信息真实、准确、完整，无违法犯罪记录；如有不实，愿承担相应法律责任。',
    nextSteps: ['请留意短信通知，核验完成后自动办结。', '如需补充材料，工作人员将电话联系。'],
    trackingUrl: 'https://zwfw.example.gov.cn/q/a/SQ3301062026112300017',
    evaluationUrl: 'https://haochaping.example.gov.cn/e/SQ3301062026112300017',
    ...overrides,
  };
}
