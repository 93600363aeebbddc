export * from './models.js';
export { encodeTicket } from './ticket-template.js';
export { encodeReceipt, describeResolution } from './receipt-template.js';
export * from './print-job.js';
export { formatHallTime, wrap, displayWidth } from './layout.js';
