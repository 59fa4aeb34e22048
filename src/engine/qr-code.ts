import { toBase64 } from './base64url.js';
import { toPng, type RgbaImage } from './png-image.js';

/** What every vendor here draws: 200 px wide, a quiet zone of 2 modules, black on white, error correction M. */
const IMAGE_WIDTH = 200;
const MARGIN_MODULES = 2;
const SCALE_WHEN_TOO_NARROW = 4;
const DARK = [0, 0, 0, 255] as const;
const LIGHT = [255, 255, 255, 255] as const;

/**
 * The pixels `qrcode`'s own renderers draw for `{ margin: 2, width: 200 }` (its renderer/utils.js `qrToImageData`,
 * same scale and rounding), so the image is the one `QRCode.toDataURL` made before it was replaced here.
 */
function toQrImage(modules: { size: number; data: Uint8Array }): RgbaImage {
  const { size, data } = modules;
  const span = size + MARGIN_MODULES * 2;
  const scale = IMAGE_WIDTH >= span ? IMAGE_WIDTH / span : SCALE_WHEN_TOO_NARROW;
  const width = Math.floor(span * scale);
  const margin = MARGIN_MODULES * scale;
  const pixels = new Uint8Array(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const inSymbol = y >= margin && x >= margin && y < width - margin && x < width - margin;
      const dark = inSymbol && data[Math.floor((y - margin) / scale) * size + Math.floor((x - margin) / scale)];
      pixels.set(dark ? DARK : LIGHT, (y * width + x) * 4);
    }
  }
  return { width, height: width, pixels };
}

/**
 * A PNG data URL of a QR code, the form every vendor here returns for authenticator enrolment. `qrcode` only lays out
 * the modules; the PNG is written by png-image.ts, because `qrcode`'s `toDataURL` needs Node's zlib in Node and a
 * canvas in a browser, and the core must answer alike in both.
 *
 * @example
 * await toQrCodeDataUrl('otpauth://totp/ada?secret=...') // 'data:image/png;base64,iVBORw0KGgo...'
 */
export async function toQrCodeDataUrl(text: string): Promise<string> {
  // Loaded on the first enrolment rather than at start: most runs never draw a QR code.
  const { default: QRCode } = await import('qrcode');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return `data:image/png;base64,${toBase64(await toPng(toQrImage(modules)))}`;
}
