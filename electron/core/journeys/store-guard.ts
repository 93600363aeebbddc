import { StoreFullError } from '../store/errors.js';
import { JourneyError } from './errors.js';

/** Runs a store write; a full disk becomes a plain "cannot accept" refusal (nothing committed is lost). */
export async function guardStoreWrite<T>(write: () => Promise<T>, onStoreFull?: (message: string) => void): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof StoreFullError) {
      onStoreFull?.(err.message);
      throw new JourneyError('store-full', err.citizenMessage);
    }
    throw err;
  }
}
