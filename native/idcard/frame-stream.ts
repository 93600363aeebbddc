/**
 * The framer as a Node stream: write raw chunks (e.g. `port.pipe(new SamFrameTransform())`),
 * read whole frames (object mode). Discards are emitted as 'discard' events
 * ({reason, bytes}) for logging; a partial frame is expired on a timer.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { FrameAssembler, type FramerEvent, type FramerOptions } from './framer.js';

export class SamFrameTransform extends Transform {
  private readonly assembler: FrameAssembler;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: FramerOptions = {}) {
    super({ readableObjectMode: true });
    this.assembler = new FrameAssembler(options);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.deliver(this.assembler.push(chunk, Date.now()));
    this.armTimer();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.timer) clearTimeout(this.timer);
    const dropped = this.assembler.reset();
    if (dropped > 0) this.emit('discard', { type: 'discard', reason: 'timeout', bytes: dropped });
    callback();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    if (this.timer) clearTimeout(this.timer);
    callback(error);
  }

  private deliver(events: FramerEvent[]): void {
    for (const event of events) {
      if (event.type === 'frame') this.push(event.frame);
      else this.emit('discard', event);
    }
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.assembler.buffered === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deliver(this.assembler.expire(Date.now()));
      this.armTimer();
    }, this.assembler.interByteTimeoutMs);
    this.timer.unref?.();
  }
}
