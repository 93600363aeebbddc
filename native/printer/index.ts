export * from './profiles.js';
export * from './encoder.js';
export * from './status.js';
export * from './transport.js';
export { SerialPrinterTransport } from './serial-transport.js';
export { TcpPrinterTransport } from './tcp-transport.js';
export { LpPrinterTransport, type LpTransportOptions } from './lp-transport.js';
export * from './driver.js';
export * from './supervisor.js';
