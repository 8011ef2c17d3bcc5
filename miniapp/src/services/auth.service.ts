import { API, type LoginChannel } from '@qdssc/shared';
import { call } from './http';

/** Typed client of the BFF's auth module (and the sandbox persona login). */
export const authService = {
  meta: () => call(API.health.meta),
  login: (channel: LoginChannel, code: string) => call(API.auth.login, { body: { channel, code } }),
  me: () => call(API.auth.me),
  logout: () => call(API.auth.logout),
  sandboxPersonas: () => call(API.auth.sandboxPersonas),
  sandboxLoginCode: (personaId: string, channel: LoginChannel) => call(API.auth.sandboxLoginCode, { body: { personaId, channel } }),
};
