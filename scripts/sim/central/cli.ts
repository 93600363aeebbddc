/**
 * `npm run -s central -- --port <n> --data <dir> [--delay-ms <verification delay>]
 *   [--hall-key <64 hex>] [--faults '<json>'] [--tls-cert <pem> --tls-key <pem> --tls-ca <pem>]`
 * Runs the central API simulator on its own until Ctrl-C. Prints one JSON line with its URL
 * and the bearer token of its /admin routes (CENTRAL_ADMIN_TOKEN, 16+ characters, or a
 * random one). With the three --tls-* files it serves HTTPS and requires kiosks' client
 * certificates.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCentralSimulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './var/central' },
    'delay-ms': { type: 'string', default: '60000' },
    'hall-key': { type: 'string' },
    faults: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-ca': { type: 'string' },
  },
});

const hallKeyHex = values['hall-key'] ?? process.env.KIOSK_ID_HASH_KEY;
if (hallKeyHex && !/^[0-9a-fA-F]{64}$/.test(hallKeyHex)) {
  console.error('--hall-key / KIOSK_ID_HASH_KEY must be 64 hex digits (the same key the kiosks use)');
  process.exit(2);
}
const tlsFiles = [values['tls-cert'], values['tls-key'], values['tls-ca']];
if (tlsFiles.some((f) => f !== undefined) && tlsFiles.some((f) => f === undefined)) {
  console.error('--tls-cert, --tls-key and --tls-ca go together (server certificate, its key, and the CA of the kiosks\' certificates)');
  process.exit(2);
}
const [tlsCert, tlsKey, tlsCa] = tlsFiles;
const adminToken = process.env.CENTRAL_ADMIN_TOKEN;
if (adminToken !== undefined && adminToken.length < 16) {
  console.error('CENTRAL_ADMIN_TOKEN must have 16+ characters (the bearer token of the /admin routes)');
  process.exit(2);
}
const sim = await startCentralSimulator({
  port: Number(values.port),
  host: values.host,
  dataDir: values.data,
  verificationDelayMs: Number(values['delay-ms']),
  ...(adminToken ? { adminToken } : {}),
  ...(hallKeyHex ? { hallKey: Buffer.from(hallKeyHex, 'hex') } : {}),
  ...(values.faults ? { faults: JSON.parse(values.faults) as object } : {}),
  ...(tlsCert && tlsKey && tlsCa ? { tls: { cert: readFileSync(tlsCert), key: readFileSync(tlsKey), ca: readFileSync(tlsCa) } } : {}),
});
console.log(JSON.stringify({ central: sim.url, data: values.data, admin: `${sim.url}/admin/stats`, adminToken: sim.adminToken }));
const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
