import { render, screen } from '@testing-library/react';
import qrcode from 'qrcode-generator';
import { QrCode, qrRows } from './qr-code';

const payload = 'E1.q9Xw3kP0aZ8bT5mN2cV7dA.1795900000.h4Jk9LmN0pQr1StU2vWx3Y';

describe('the QR code drawn with views', () => {
  it('draws exactly the modules of the QR symbol, row by row as runs', () => {
    const { size, rows } = qrRows(payload);
    const reference = qrcode(0, 'M');
    reference.addData(payload);
    reference.make();
    expect(size).toBe(reference.getModuleCount());
    expect(rows).toHaveLength(size);
    rows.forEach((runs, r) => {
      const cells = runs.flatMap(([dark, n]) => Array.from({ length: n }, () => dark));
      expect(cells).toEqual(Array.from({ length: size }, (_, c) => reference.isDark(r, c)));
    });
    // The finder pattern: seven dark modules at the top left.
    expect(rows[0][0]).toEqual([true, 7]);
  });

  it('is an image for screen readers, labelled with its validity', () => {
    render(<QrCode text={payload} label='电子社保卡二维码，60秒内有效' />);
    const img = screen.getByRole('img', { name: '电子社保卡二维码，60秒内有效' });
    expect(img.getAttribute('data-qr')).toBe(payload);
    expect(img.children).toHaveLength(qrRows(payload).size);
  });
});
