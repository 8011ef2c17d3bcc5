import type { LoginChannel } from '@qdssc/shared';

/**
 * In a browser: there is no host SDK. Production H5 sends the resident to the province's unified
 * identity login page, which returns a code; the sandbox mints one for a demo persona instead.
 */
export const HOST_CHANNEL: LoginChannel = 'h5';

export const HOST_HAS_SILENT_LOGIN = false;

export async function hostLoginCode(): Promise<string> {
  throw new Error('H5 has no silent host login; use the identity provider page');
}

