import { createServer } from 'node:http';
import { createSandboxApp } from './sandbox-app';

/** `npm start` runs this beside the BFF: every outside system's twin on one port (default 8090). */
const port = Number(process.env.SANDBOX_PORT ?? 8090);
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const app = createSandboxApp({ bffBaseUrl: process.env.BFF_BASE_URL ?? 'http://127.0.0.1:8080' });
const server = createServer(app.callback());
server.listen(port, host, () => {
  console.log(JSON.stringify({ level: 30, service: 'qdssc-sandbox', msg: `sandbox twins listening on http://${host}:${port}` }));
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
