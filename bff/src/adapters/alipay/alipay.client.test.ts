import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from '../../../sandbox/sandbox-app';
import { sandboxCredentials } from '../../config';
import { UpstreamError } from '../http-client';
import { AlipayClient } from './alipay.client';

describe('the Alipay adapter (official alipay-sdk) against the gateway twin', () => {
  let server: Server;
  let sandbox: SandboxApp;
  let base: string;
  let client: AlipayClient;
  const creds = sandboxCredentials().alipay;

  beforeAll(async () => {
    sandbox = createSandboxApp();
    server = createServer(sandbox.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new AlipayClient({ gateway: `${base}/alipay/gateway.do`, appId: creds.appId, privateKey: creds.appPrivateKey, alipayPublicKey: creds.alipayPublicKey, timeoutMs: 1000 });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => sandbox.sandbox.faults.clear());

  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  };

  it('exchanges an auth code for the user id once, and refuses the code the second time', async () => {
    const { authCode } = await control('/sandbox/alipay/auth-codes', { userId: '2088000000000001' });
    await expect(client.oauthToken(authCode)).resolves.toEqual({ userId: '2088000000000001' });
    await expect(client.oauthToken(authCode)).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' });
  });

  it('is refused by the gateway when our request is signed with another key', async () => {
    const stray = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const bad = new AlipayClient({ gateway: `${base}/alipay/gateway.do`, appId: creds.appId, privateKey: stray, alipayPublicKey: creds.alipayPublicKey, timeoutMs: 1000 });
    const r = await bad.exec('alipay.system.oauth.token', { grantType: 'authorization_code', code: 'x' });
    expect(r).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
  });

  it('refuses an answer that Alipay did not sign', async () => {
    sandbox.sandbox.faults.add({ target: 'alipay:alipay.system.oauth.token', mode: 'bad-signature', times: 1 });
    const { authCode } = await control('/sandbox/alipay/auth-codes', { userId: '2088000000000002' });
    const err = await client.oauthToken(authCode).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.kind).toBe('protocol');
  });

  it('turns a gateway outage and a timeout into upstream errors', async () => {
    sandbox.sandbox.faults.add({ target: 'alipay:alipay.system.oauth.token', mode: 'http500', times: 1 });
    await expect(client.oauthToken('x')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    sandbox.sandbox.faults.add({ target: 'alipay:alipay.system.oauth.token', mode: 'timeout', times: 1, delayMs: 1500 });
    await expect(client.oauthToken('x')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('runs a face certification: initialize, the device step, then query says passed', async () => {
    const { certifyId, certifyUrl } = await client.certifyInitialize({ outerOrderNo: 'QD20261129000001', certType: 'IDENTITY_CARD', certName: '王海燕', certNo: '370202198503152027', returnUrl: 'alipays://platformapi/startapp' });
    expect(certifyUrl).toContain('method=alipay.user.certify.open.certify');
    await expect(client.certifyQuery(certifyId)).resolves.toEqual({ passed: false });
    await control('/sandbox/alipay/certify-results', { certifyId, passed: true });
    await expect(client.certifyQuery(certifyId)).resolves.toEqual({ passed: true });
  });

  it('retries a certify query once when Alipay is busy', async () => {
    const { certifyId } = await client.certifyInitialize({ outerOrderNo: 'QD20261129000002', certType: 'IDENTITY_CARD', certName: '刘建华', certNo: '370212198009183015', returnUrl: 'x' });
    sandbox.sandbox.faults.add({ target: 'alipay:alipay.user.certify.open.query', mode: 'busy', times: 1 });
    await expect(client.certifyQuery(certifyId)).resolves.toEqual({ passed: false });
  });

  it('asks for a trade bill: none for a day without trades (after retrying a busy answer), refused for today', async () => {
    sandbox.sandbox.faults.add({ target: 'alipay:alipay.data.dataservice.bill.downloadurl.query', mode: 'busy', times: 1 });
    await expect(client.tradeBill('2020-01-01')).resolves.toBeNull();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await expect(client.tradeBill(today)).rejects.toMatchObject({ kind: 'protocol' });
    const expired = await fetch(`${base}/alipay/downloadBillFile.resource?token=nope`);
    expect(await expired.text()).toContain('下载超时');
  });
});
