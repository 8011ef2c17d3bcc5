import { LogCapture } from '../../test/support/log-capture';
import { createLogger } from './logger';

describe('the logger', () => {
  it('masks ID numbers in messages, fields and error stacks, and redacts secrets', () => {
    const out = new LogCapture();
    const log = createLogger('info', out);
    log.info({ idNumber: '370202198503152027', note: 'bind 370202198503152027 ok', headers: { authorization: 'Bearer abc' } }, 'user 37020220160601502X applied');
    log.error({ err: new Error('national refused 370202198503152027') }, 'failed');
    log.info({ req: { headers: { authorization: 'Bearer secret-token' } }, password: '123456', aac002: '370202198503152027' }, 'request');
    const text = out.text();
    expect(text).not.toMatch(/370202198503152027|37020220160601502X|secret-token|123456/);
    expect(text).toContain('3702**********2027');
    expect(text).toContain('3702**********502X');
    expect(text).toContain('[REDACTED]');
  });
});
