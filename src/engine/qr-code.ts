/** A PNG data URL of a QR code, the form every vendor here returns for authenticator enrolment. */
export async function toQrCodeDataUrl(text: string): Promise<string> {
  // Loaded on the first enrolment rather than at start: qrcode pulls in a PNG encoder that start-up never needs.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 });
}
