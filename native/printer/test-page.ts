/**
 * The printer test page: a number, a Chinese sample line (with ￥ and characters outside
 * GB2312) and a QR code, so one sheet shows whether text, sizes, QR and the cutter work.
 * Printed by `npm run -s device -- print-test` and by the kiosk's maintenance screen.
 */
import { EscPosEncoder } from './encoder.js';
import { profileForPaper } from './profiles.js';

export function testPage(paper: 58 | 80, now = new Date(), heading = '打印测试'): Uint8Array {
  const e = new EscPosEncoder(profileForPaper(paper)).initialize().chinese(true);
  e.align('center').bold(true).size(2, 2).line(heading).size(4, 4).line('T001').size(1, 1).bold(false);
  e.line('中文测试：政务服务 一网通办 ￥12.50 堃喆');
  e.line(`${paper} mm · ${now.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
  e.qr('https://zwfw.example.gov.cn/print-test/T001', { size: paper === 80 ? 6 : 5, errorLevel: 'M' });
  e.line('扫码测试二维码');
  return e.feed(3).cut('partial').encode();
}
