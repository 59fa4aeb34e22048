import QRCode from 'qrcode';

/** A PNG data URL of a QR code, the form every vendor here returns for authenticator enrolment. */
export function toQrCodeDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 });
}
