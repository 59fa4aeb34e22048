import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toQrCodeDataUrl } from '../../../src/engine/qr-code.js';

const require = createRequire(import.meta.url);
/** pngjs comes with qrcode (its Node PNG writer); here it decodes PNGs to compare images pixel by pixel. */
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };
const decode = (dataUrl: string) => PNG.sync.read(Buffer.from(dataUrl.split(',')[1]!, 'base64'));

describe('QR code data URL (our PNG writer over qrcode modules)', () => {
  it("is a PNG data URL with the very pixels of qrcode's own toDataURL, for short and long texts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 })), async (text) => {
        const ours = await toQrCodeDataUrl(text);
        expect(ours).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
        const reference = decode(await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 }));
        const drawn = decode(ours);
        expect([drawn.width, drawn.height]).toEqual([reference.width, reference.height]);
        expect(drawn.data.equals(reference.data)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
