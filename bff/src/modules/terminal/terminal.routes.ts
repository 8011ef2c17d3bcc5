import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { QrCodeService } from '../ecard/qr-code.service';

export function mountTerminalRoutes(r: ApiRouter, { qr }: { qr: QrCodeService }): void {
  r.mount(API.terminal.verifyQrCode, async ({ body, ctx }) => qr.verify(ctx.state.terminal!, body.qrcode, body.busiType, ctx.state.requestId));
}
