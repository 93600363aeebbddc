/**
 * `npm run -s maintenance-pin [-- <pin>]` prints the `maintenance.pinHash` value for a
 * staff PIN (6-12 digits). Without an argument it reads the PIN from standard input, so
 * it stays out of the shell history: `read -s PIN; echo "$PIN" | npm run -s maintenance-pin`.
 */
import { readFileSync } from 'node:fs';
import { maintenancePinSchema } from '../electron/common/contract.js';
import { hashMaintenancePin } from '../electron/core/maintenance/pin.js';

const given = process.argv[2] ?? readFileSync(0, 'utf8').trim();
const pin = maintenancePinSchema.safeParse(given);
if (!pin.success) {
  console.error('maintenance-pin: the PIN must be 6 to 12 digits');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ maintenance: { pinHash: hashMaintenancePin(pin.data) } })}\n`);
