/**
 * The card photo is 1024 bytes of WLT that only proprietary vendor libraries decode
 * (to a 102×126 BMP). The kiosk keeps it opaque and in memory; a site that licenses a
 * decoder plugs it in here (e.g. a native addon wrapping the vendor's libwlt).
 */
export interface PhotoDecoder {
  /** Decodes WLT bytes to an image; rejects with a clear error when it cannot. */
  decode(wlt: Uint8Array): Promise<{ mimeType: 'image/bmp' | 'image/png'; bytes: Uint8Array }>;
}

/** The default: no decoder is available, and it says so. */
export const noPhotoDecoder: PhotoDecoder = {
  decode() {
    return Promise.reject(new Error('no WLT photo decoder is installed: the ID photo cannot be shown (install the vendor decoder module)'));
  },
};
