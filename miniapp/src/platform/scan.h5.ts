/**
 * A browser has no host scanner (Taro.scanCode is not available in H5): the page offers typing
 * the code printed under the merchant's QR code instead.
 */
export const CAN_SCAN = false;

export async function scanCode(): Promise<string | null> {
  return null;
}
