import { z } from 'zod';
import { endpoint } from './endpoint';

export const LOGIN_CHANNELS = ['wechat', 'alipay', 'h5'] as const;
export const LoginChannel = z.enum(LOGIN_CHANNELS);
export type LoginChannel = z.infer<typeof LoginChannel>;

export const LoginRequest = z.object({
  channel: LoginChannel,
  code: z.string().trim().min(1, '缺少登录凭证').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  userId: z.string(),
  channel: LoginChannel,
  /** True once the account is bound to a real-name resident (identity issue). */
  realNameBound: z.boolean(),
  maskedName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string().describe('Opaque bearer token; send as `Authorization: Bearer <token>`'),
  expiresAt: z.string().datetime(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const SandboxPersona = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
});
export type SandboxPersona = z.infer<typeof SandboxPersona>;

export const SandboxLoginCodeRequest = z.object({
  personaId: z.string().min(1).max(64),
  channel: LoginChannel,
});

export const authApi = {
  login: endpoint({
    method: 'post', path: '/api/v1/auth/login', tag: 'auth', auth: 'public',
    summary: 'Exchange a host login code (wx.login / my.getAuthCode / H5 identity code) for a session',
    body: LoginRequest, response: LoginResponse,
    errors: ['LOGIN_CODE_INVALID', 'LOGIN_RATE_LIMITED', 'LOGIN_RISKY_USER', 'LOGIN_CHANNEL_UNAVAILABLE'],
  }),
  logout: endpoint({
    method: 'post', path: '/api/v1/auth/logout', tag: 'auth', auth: 'session',
    summary: 'End the current session', response: z.object({ loggedOut: z.literal(true) }),
  }),
  me: endpoint({
    method: 'get', path: '/api/v1/auth/me', tag: 'auth', auth: 'session',
    summary: 'The logged-in account', response: SessionUser,
  }),
  sandboxPersonas: endpoint({
    method: 'get', path: '/api/v1/sandbox/personas', tag: 'sandbox', auth: 'public',
    summary: 'Demo personas (sandbox deployments only)', response: z.array(SandboxPersona),
    errors: ['SANDBOX_ONLY'],
  }),
  sandboxLoginCode: endpoint({
    method: 'post', path: '/api/v1/sandbox/login-codes', tag: 'sandbox', auth: 'public',
    summary: 'Mint a host login code for a demo persona, standing in for the device SDK (sandbox only)',
    body: SandboxLoginCodeRequest, response: z.object({ code: z.string() }),
    errors: ['SANDBOX_ONLY', 'PERSONA_NOT_FOUND'],
  }),
};
