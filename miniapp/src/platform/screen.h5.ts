/**
 * A browser cannot set the brightness; it can keep the screen awake (Screen Wake Lock API)
 * where supported. The returned function releases it.
 */
export async function keepScreenBright(): Promise<() => Promise<void>> {
  const nav = (typeof navigator !== 'undefined' ? navigator : undefined) as (Navigator & { wakeLock?: { request(t: 'screen'): Promise<{ release(): Promise<void> }> } }) | undefined;
  let lock: { release(): Promise<void> } | undefined;
  try {
    lock = await nav?.wakeLock?.request('screen');
  } catch {
    /* not allowed (page hidden, no permission): the code still shows */
  }
  return async () => {
    await lock?.release().catch(() => undefined);
  };
}
