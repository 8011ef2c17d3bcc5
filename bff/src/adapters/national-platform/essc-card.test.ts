import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from '../../../sandbox/sandbox-app';
import { sandboxCredentials } from '../../config';
import { ManualClock } from '../../lib/clock';
import { MSG } from './csb-codec';
import { NationalBusinessError, NationalPlatformClient } from './national-platform.client';

describe('the national platform’s e-card APIs (adapter against twin)', () => {
  let server: Server;
  let sandbox: SandboxApp;
  let client: NationalPlatformClient;
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 2, 0, 0));
  const mum = { idNumber: '370202198503152027', name: '王海燕', idType: 'resident' as const };

  beforeAll(async () => {
    sandbox = createSandboxApp({ now: () => clock.now() });
    server = createServer(sandbox.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/national/gateway`;
    client = new NationalPlatformClient({ gatewayUrl: url, ...sandboxCredentials().national, timeoutMs: 400 }, clock);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => sandbox.sandbox.faults.clear());

  it('signs once per busiSeq: a retry after a lost answer gets the same signature', async () => {
    sandbox.sandbox.faults.add({ target: 'national:essc.card.sign', mode: 'timeout', times: 1, delayMs: 600 });
    const first = await client.sign({ busiSeq: 'A0000000000000000000000000000001', ...mum });
    expect(first).toMatchObject({ signLevel: 1, signDate: '2026-11-29', validUntil: '2036-11-29', signNo: expect.stringMatching(/^370200000120261129\d{8}$/) });
    const again = await client.sign({ busiSeq: 'A0000000000000000000000000000001', ...mum });
    expect(again).toEqual(first);
  });

  it('answers ALREADY_SIGNED to another busiSeq, and the sign status tells the signature', async () => {
    const err = await client.sign({ busiSeq: 'A0000000000000000000000000000002', ...mum }).catch((e) => e);
    expect(err).toBeInstanceOf(NationalBusinessError);
    expect(err.msgCode).toBe(MSG.ALREADY_SIGNED);
    await expect(client.signStatus(mum.idNumber)).resolves.toMatchObject({ status: 'active', signLevel: 1 });
    await expect(client.signStatus('370212198009183015')).resolves.toBeNull();
  });

  it('raises to level 2 only with the physical card’s bank account', async () => {
    const { signNo } = (await client.signStatus(mum.idNumber))!;
    await expect(client.raiseLevel({ busiSeq: 'B0000000000000000000000000000001', signNo, idNumber: mum.idNumber, bankAccount: '6228480212345678000' })).rejects.toMatchObject({ code: 'BANK_ACCOUNT_MISMATCH' });
    await expect(client.raiseLevel({ busiSeq: 'B0000000000000000000000000000002', signNo, idNumber: mum.idNumber, bankAccount: '6228480212345678901' })).resolves.toEqual({ signLevel: 2, bank: '农业银行' });
    await expect(client.signStatus(mum.idNumber)).resolves.toMatchObject({ signLevel: 2 });
  });

  it('maps refusals to our codes: not insured here, no such person, guardian not verified', async () => {
    await expect(client.sign({ busiSeq: 'C0000000000000000000000000000001', idNumber: '110105197807204018', name: '李建国', idType: 'resident' })).rejects.toMatchObject({ code: 'NOT_INSURED_IN_QINGDAO' });
    await expect(client.sign({ busiSeq: 'C0000000000000000000000000000002', idNumber: '370202198503152027', name: '王海', idType: 'resident' })).rejects.toMatchObject({ code: 'IDENTITY_MISMATCH' });
    await expect(
      client.sign({ busiSeq: 'C0000000000000000000000000000003', idNumber: '37020220160601502X', name: '王小雨', idType: 'resident', guardian: { idNumber: '370281194002236027', name: '刘桂兰', relationship: 'grandparent' } }),
    ).rejects.toMatchObject({ code: 'GUARDIAN_RELATION_UNVERIFIED' });
    await expect(
      client.sign({ busiSeq: 'C0000000000000000000000000000004', idNumber: '37020220160601502X', name: '王小雨', idType: 'resident', guardian: { idNumber: mum.idNumber, name: mum.name, relationship: 'mother' } }),
    ).resolves.toMatchObject({ signLevel: 1 });
  });

  it('revokes the channel, after which the person can be signed again with a new number', async () => {
    const before = (await client.signStatus(mum.idNumber))!;
    await client.revokeChannel({ busiSeq: 'D0000000000000000000000000000001', signNo: before.signNo, idNumber: mum.idNumber });
    await expect(client.signStatus(mum.idNumber)).resolves.toMatchObject({ status: 'revoked' });
    const resigned = await client.sign({ busiSeq: 'D0000000000000000000000000000002', ...mum });
    expect(resigned.signNo).not.toBe(before.signNo);
    expect(resigned.signLevel).toBe(1);
  });

  it('reports the physical card, or CARD_NOT_FOUND when there is none', async () => {
    await expect(client.physicalCardStatus('370213197202114013')).resolves.toEqual({ cardNo: 'QD0078901', status: 'temporarily_lost', bank: '交通银行', issuedOn: '2016-11-03' });
    await expect(client.physicalCardStatus('110105197807204018')).rejects.toMatchObject({ code: 'CARD_NOT_FOUND' });
  });
});
