/**
 * `npm run -s device -- print-test --port <path> [--baud 115200] | --tcp <host:port> | --lp <path> [--paper 58|80]`
 * Prints a test ticket (number, a Chinese sample line, a QR code) with status checks
 * before and after, then the printer's status as JSON. Exit 0 printed, 1 failed, 2 usage.
 */
import { testPage } from '../../native/printer/test-page.js';
import { printerStatusReport, withPrinter } from './printer-status.js';

export async function run(argv: string[]): Promise<number> {
  return withPrinter('print-test', argv, async (driver, target) => {
    const printed = await driver.print(testPage(target.paper));
    const status = await printerStatusReport(driver);
    process.stdout.write(`${JSON.stringify({ printed, ...status }, null, 2)}\n`);
    return printed.ok ? 0 : 1;
  });
}
