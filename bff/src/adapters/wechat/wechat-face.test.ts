import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from '../../../sandbox/sandbox-app';
import { sandboxCredentials } from '../../config';
import { certHash, WechatClient } from './wechat.client';

describe('the WeChat face check (人脸核身) adapter against its twin', () => {
  let server: Server;
  let sandbox: SandboxApp;
  let base: string;
  let client: WechatClient;
  const who = { certType: 'IDENTITY_CARD', certName: '王海燕', certNo: '370202198503152027' };

  beforeAll(async () => {
    sandbox = createSandboxApp();
    server = createServer(sandbox.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new WechatClient({ apiBase: `${base}/wechat`, ...sandboxCredentials().wechat }, 1000);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const device = (verifyId: string, passed: boolean) =>
    fetch(`${base}/sandbox/wechat/face-results`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifyId, passed }) });

  it('computes cert_hash exactly as the WeChat documentation’s example', () => {
    expect(certHash({ certType: 'IDENTITY_CARD', certName: '张三', certNo: '310101199801011234' })).toBe('3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b');
  });

  it('passes only after the device step succeeded', async () => {
    const { verifyId } = await client.getVerifyId({ ...who, outSeqNo: 'seq-0001', openid: 'o1' });
    await expect(client.queryVerifyInfo({ ...who, verifyId, outSeqNo: 'seq-0001', openid: 'o1' })).resolves.toEqual({ passed: false, verifyRet: 90002 });
    await device(verifyId, false);
    await expect(client.queryVerifyInfo({ ...who, verifyId, outSeqNo: 'seq-0001', openid: 'o1' })).resolves.toEqual({ passed: false, verifyRet: 10004 });
    await device(verifyId, true);
    await expect(client.queryVerifyInfo({ ...who, verifyId, outSeqNo: 'seq-0001', openid: 'o1' })).resolves.toEqual({ passed: true, verifyRet: 10000 });
  });

  it('cannot claim a result for another identity or another user', async () => {
    const { verifyId } = await client.getVerifyId({ ...who, outSeqNo: 'seq-0002', openid: 'o1' });
    await device(verifyId, true);
    await expect(client.queryVerifyInfo({ ...who, certNo: '37020220160601502X', verifyId, outSeqNo: 'seq-0002', openid: 'o1' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    await expect(client.queryVerifyInfo({ ...who, verifyId, outSeqNo: 'seq-0002', openid: 'o2' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('caches the access token and fetches a new one when WeChat revoked it', async () => {
    const t1 = await client.accessToken();
    expect(await client.accessToken()).toBe(t1);
    await fetch(`${base}/sandbox/wechat/expire-tokens`, { method: 'POST' });
    const { verifyId } = await client.getVerifyId({ ...who, outSeqNo: 'seq-0003', openid: 'o1' });
    expect(verifyId).toBeTruthy();
    expect(await client.accessToken()).not.toBe(t1);
  });

  it('surfaces WeChat being busy or down as an upstream error', async () => {
    sandbox.sandbox.faults.add({ target: 'wechat:getverifyid', mode: 'busy', times: 1 });
    await expect(client.getVerifyId({ ...who, outSeqNo: 'seq-0004', openid: 'o1' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    sandbox.sandbox.faults.add({ target: 'wechat:queryverifyinfo', mode: 'http500', times: 1 });
    await expect(client.queryVerifyInfo({ ...who, verifyId: 'x', outSeqNo: 'seq-0004', openid: 'o1' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});
