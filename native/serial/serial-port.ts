/**
 * A serial port on the platform's native binding: the `serialport` package's SerialPort,
 * without that package's index, which also loads its eleven parsers and the mock binding
 * at every start (~17 ms here); the drivers frame their bytes themselves.
 */
import { SerialPortStream, type StreamOptions } from '@serialport/stream';
import { autoDetect, type AutoDetectTypes, type OpenOptionsFromBinding } from '@serialport/bindings-cpp';

const binding = autoDetect();

export type SerialPortOptions = Omit<StreamOptions<AutoDetectTypes>, 'binding'> & OpenOptionsFromBinding<AutoDetectTypes>;

export class SerialPort extends SerialPortStream<AutoDetectTypes> {
  constructor(options: SerialPortOptions) {
    super({ binding, ...options });
  }
}
