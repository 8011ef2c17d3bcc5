import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from '../../../sandbox/sandbox-app';
import { sandboxCredentials } from '../../config';
import { ManualClock } from '../../lib/clock';
import { UpstreamError } from '../http-client';
import { buildRequest, MSG } from './csb-codec';
import { NationalPlatformClient } from './national-platform.client';

describe('the national platform adapter against its twin', () => {
  let server: Server;
  let sandbox: SandboxApp;
  let url: string;
  const clock = new ManualClock(Date.now());
  const creds = sandboxCredentials().national;
  let client: NationalPlatformClient;

  beforeAll(async () => {
    sandbox = createSandboxApp({ now: () => clock.now() });
    server = createServer(sandbox.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/national/gateway`;
    client = new NationalPlatformClient({ gatewayUrl: url, ...creds, timeoutMs: 500 }, clock);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    sandbox.sandbox.faults.clear();
    clock.set(Date.now());
  });

  const post = async (params: Record<string, string>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    return (await res.json()) as { msgCode: string };
  };

  it('verifies a person insured in Qingdao', async () => {
    await expect(client.verifyPerson({ idNumber: '370202198503152027', name: '王海燕', area: '370200' })).resolves.toEqual({
      matched: true, insuredHere: true, insuredArea: '370200',
    });
  });

  it('tells a person insured elsewhere from a name that does not match', async () => {
    await expect(client.verifyPerson({ idNumber: '110105197807204018', name: '李建国', area: '370200' })).resolves.toEqual({
      matched: true, insuredHere: false, insuredArea: '110000',
    });
    await expect(client.verifyPerson({ idNumber: '370202198503152027', name: '王海', area: '370200' })).resolves.toMatchObject({ matched: false });
  });

  it('is refused by the gateway when our signature is wrong', async () => {
    const p = buildRequest('essc.person.verify', { channelNo: creds.channelNo }, { ...creds, secretKey: 'wrong' }, clock.now());
    expect((await post(p)).msgCode).toBe(MSG.SIGNATURE_INVALID);
  });

  it('is refused by the gateway when our timestamp is stale', async () => {
    const p = buildRequest('essc.person.verify', { channelNo: creds.channelNo }, creds, clock.now() - 6 * 60_000);
    expect((await post(p)).msgCode).toBe(MSG.TIMESTAMP_EXPIRED);
  });

  it('surfaces our own misconfiguration as UPSTREAM_UNAVAILABLE', async () => {
    const bad = new NationalPlatformClient({ gatewayUrl: url, ...creds, secretKey: 'wrong', timeoutMs: 500 }, clock);
    await expect(bad.verifyPerson({ idNumber: '370202198503152027', name: '王海燕', area: '370200' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('refuses a reply with a wrong signature', async () => {
    sandbox.sandbox.faults.add({ target: 'national:essc.person.verify', mode: 'bad-signature', times: 3 });
    await expect(client.verifyPerson({ idNumber: '370202198503152027', name: '王海燕', area: '370200' })).rejects.toThrow(/invalid signature/);
  });

  it('refuses a reply dated outside the five-minute window', async () => {
    sandbox.sandbox.faults.add({ target: 'national:essc.person.verify', mode: 'stale-timestamp', times: 3 });
    await expect(client.verifyPerson({ idNumber: '370202198503152027', name: '王海燕', area: '370200' })).rejects.toThrow(/±5 min/);
  });

  it('retries a read when the platform is busy or down, then succeeds', async () => {
    sandbox.sandbox.faults.add({ target: 'national:essc.person.verify', mode: 'busy', times: 1 });
    sandbox.sandbox.faults.add({ target: 'national:essc.person.verify', mode: 'http500', times: 1 });
    await expect(client.verifyPerson({ idNumber: '370202198503152027', name: '王海燕', area: '370200' })).resolves.toMatchObject({ matched: true });
  });

  it('gives up after three attempts and times out quickly', async () => {
    sandbox.sandbox.faults.add({ target: 'national:essc.person.verify', mode: 'timeout', times: 3, delayMs: 1500 });
    const err = await client.verifyPerson({ idNumber: '370202198503152027', name: '王海燕', area: '370200' }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.code).toBe('UPSTREAM_TIMEOUT');
  });
});
