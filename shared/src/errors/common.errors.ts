import type { ErrorTable } from './error-spec';

/** Errors any route can answer: transport, validation, authentication, upstream trouble. */
export const commonErrors = {
  VALIDATION_FAILED: { status: 400, zh: '填写的信息有误，请检查后重试', en: 'Some information is not valid. Please check and try again.' },
  INVALID_JSON: { status: 400, zh: '请求内容格式有误，请刷新后重试', en: 'The request could not be read. Please refresh and try again.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '请求内容类型不受支持', en: 'This type of content is not supported.' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容太大，请压缩后重试', en: 'What you sent is too large. Please make it smaller and try again.' },
  ROUTE_NOT_FOUND: { status: 404, zh: '您访问的功能不存在', en: 'This function does not exist.' },
  NOT_FOUND: { status: 404, zh: '没有找到相关记录', en: 'Nothing was found.' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持此操作方式', en: 'This operation is not supported here.' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first.' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired. Please log in again.' },
  FORBIDDEN: { status: 403, zh: '您无权进行此操作', en: 'You are not allowed to do this.' },
  RATE_LIMITED: { status: 429, zh: '操作太频繁，请稍后再试', en: 'Too many attempts. Please try again later.' },
  IDEMPOTENCY_CONFLICT: { status: 409, zh: '该操作正在处理或已用不同内容提交过，请勿重复提交', en: 'This request is already being handled or was sent with different content.' },
  UPSTREAM_UNAVAILABLE: { status: 503, zh: '相关服务暂时不可用，请稍后再试或拨打12345咨询', en: 'A service we depend on is unavailable. Please try later or call 12345.' },
  UPSTREAM_TIMEOUT: { status: 504, zh: '相关服务响应超时，请稍后再试', en: 'A service we depend on did not answer in time. Please try again later.' },
  SERVICE_NOT_READY: { status: 503, zh: '服务正在启动，请稍后再试', en: 'The service is starting. Please try again shortly.' },
  /** Shown by the client when the BFF cannot be reached at all (no network, DNS, TLS). */
  NETWORK_UNREACHABLE: { status: 503, zh: '网络连接失败，请检查网络后重试', en: 'No connection. Please check your network and try again.' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong on our side. Please try again later.' },
} satisfies ErrorTable;
