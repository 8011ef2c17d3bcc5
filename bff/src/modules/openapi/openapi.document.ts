import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { ERRORS, ErrorBody, okEnvelope, type Endpoint } from '@qdssc/shared';

const TERMINAL_SIGNING = `
### Terminal request signing (\`/terminal/v1/...\`)
Each terminal is registered with an id and a secret. Every request carries:

| header | value |
|---|---|
| \`X-Terminal-Id\` | the terminal id |
| \`X-Timestamp\` | Unix time in milliseconds; refused outside ±5 minutes |
| \`X-Nonce\` | 16–64 characters of \`[A-Za-z0-9_-]\`, never reused (a reused nonce is refused) |
| \`X-Signature\` | lowercase hex of HMAC-SM3(secret, stringToSign) |

\`\`\`
stringToSign = METHOD + "\\n" + pathWithQuery + "\\n" + timestamp + "\\n" + nonce + "\\n" + hex(SM3(raw body bytes))
\`\`\`
METHOD is upper case; pathWithQuery is exactly what is sent on the request line (e.g. \`/terminal/v1/qrcodes/verify\`);
an empty body hashes the empty string (SM3("") = \`1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b\`).
`;

function errorTable(): string {
  const rows = Object.entries(ERRORS).map(([code, s]) => `| \`${code}\` | ${s.status} | ${s.zh} |`);
  return ['### Error codes', 'Every failure answers `{code, message}` with one of these codes and HTTP statuses.', '', '| code | HTTP | message (zh) |', '|---|---|---|', ...rows].join('\n');
}

/** /openapi.json, generated from exactly the contracts the app mounted. */
export function buildOpenApiDocument(endpoints: Endpoint[], version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'http', scheme: 'bearer', description: 'Token from POST /api/v1/auth/login' });
  registry.registerComponent('securitySchemes', 'terminal', { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'See "Terminal request signing" above' });
  for (const e of endpoints) {
    const request: Record<string, unknown> = {};
    if (e.body) request.body = { content: { 'application/json': { schema: e.body } } };
    if (e.query) request.query = e.query;
    if (e.params) request.params = e.params;
    registry.registerPath({
      method: e.method,
      path: e.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}'),
      summary: e.summary,
      description: [e.description, e.errors?.length ? `Errors: ${e.errors.map((c) => `\`${c}\``).join(', ')}` : undefined].filter(Boolean).join('\n\n') || undefined,
      tags: [e.tag],
      security: e.auth === 'public' ? [] : [{ [e.auth]: [] }],
      request: request as never,
      responses: {
        200: { description: 'Success', content: { 'application/json': { schema: okEnvelope(e.response) } } },
        default: { description: 'Failure with a stable error code', content: { 'application/json': { schema: ErrorBody } } },
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Qingdao e-SSC BFF',
      version,
      description: `API of the Qingdao electronic social security card mini-program and its terminals.\n\nSuccess answers are \`{code: "OK", data}\`.\n${TERMINAL_SIGNING}\n${errorTable()}`,
    },
  });
}
