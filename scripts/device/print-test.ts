/**
 * `npm run -s device -- print-test --port <path> [--baud 115200] | --tcp <host:port> | --lp <path> [--paper 58|80]`
 * Prints a test ticket (number, a Chinese sample line, a QR code) with status checks
 * before and after, then the printer's status as JSON. Exit 0 printed, 1 failed, 2 usage.
 */
import { EscPosEncoder } from '../../native/printer/encoder.js';
import { profileForPaper } from '../../native/printer/profiles.js';
import { printerStatusReport, withPrinter } from './printer-status.js';

export function testTicket(paper: 58 | 80, now = new Date()): Uint8Array {
  const e = new EscPosEncoder(profileForPaper(paper)).initialize().chinese(true);
  e.align('center').bold(true).size(2, 2).line('打印测试').size(4, 4).line('T001').size(1, 1).bold(false);
  e.line('中文测试：政务服务 一网通办 ￥12.50 堃喆');
  e.line(`${paper} mm · ${now.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
  e.qr('https://zwfw.example.gov.cn/print-test/T001', { size: paper === 80 ? 6 : 5, errorLevel: 'M' });
  e.line('扫码测试二维码');
  return e.feed(3).cut('partial').encode();
}

export async function run(argv: string[]): Promise<number> {
  return withPrinter('print-test', argv, async (driver, target) => {
    const printed = await driver.print(testTicket(target.paper));
    const status = await printerStatusReport(driver);
    process.stdout.write(`${JSON.stringify({ printed, ...status }, null, 2)}\n`);
    return printed.ok ? 0 : 1;
  });
}
