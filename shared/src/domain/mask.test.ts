import { maskCardNumber, maskIdNumber, maskIdNumbersInText, maskName, maskPhone } from './mask';

describe('masking personal data', () => {
  it('keeps the first four and last four characters of an ID number', () => {
    expect(maskIdNumber('370202198503151234')).toBe('3702**********1234');
    expect(maskIdNumber('37020220160601502X')).toBe('3702**********502X');
  });

  it('keeps only the last character of a Chinese name and initials of a Latin one', () => {
    expect(maskName('王海燕')).toBe('**燕');
    expect(maskName('张三')).toBe('*三');
    expect(maskName('SCHMIDT LUKAS')).toBe('S****** L****');
  });

  it('masks phones and card numbers', () => {
    expect(maskPhone('13805321234')).toBe('138****1234');
    expect(maskPhone('053285939671')).toBe('053*****9671');
    expect(maskCardNumber('6228480212345678901')).toBe('***************8901');
  });

  it('masks ID numbers inside free text but leaves other numbers alone', () => {
    const text = 'bind 370202198503152027 failed; order 1234567890 and 37020220160601502x';
    expect(maskIdNumbersInText(text)).toBe('bind 3702**********2027 failed; order 1234567890 and 3702**********502x');
    expect(maskIdNumbersInText('trade 4200001234567890123456')).toBe('trade 4200001234567890123456');
  });
});
