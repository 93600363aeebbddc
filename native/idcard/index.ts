/** Second-generation ID-card reader (SAM protocol): codec, framer, transports, driver. */
export * from './protocol.js';
export * from './status.js';
export * from './response.js';
export * from './gb11643.js';
export * from './tables.js';
export * from './text.js';
export * from './photo.js';
export * from './framer.js';
export * from './frame-stream.js';
export * from './hid-wrap.js';
export * from './transport.js';
export * from './hid-transport.js';
export * from './channel.js';
export * from './driver.js';
