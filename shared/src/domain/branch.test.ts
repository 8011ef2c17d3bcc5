import { isOpenAt, parseHours, servicesMask, serviceBit } from './branch';
import { dayKind, shanghaiTime } from './holidays';

/** An Asia/Shanghai wall-clock time as Unix ms (UTC+8, no daylight saving). */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`);

describe('opening hours', () => {
  const hours = { weekday: '09:00-17:00', weekend: '09:00-16:00' };

  it('reads HH:MM-HH:MM and refuses a closing time before the opening time', () => {
    expect(parseHours('09:00-17:00')).toEqual([540, 1020]);
    expect(parseHours('17:00-09:00')).toBeNull();
    expect(parseHours('9-17')).toBeNull();
  });

  it('uses Asia/Shanghai time, not the server clock’s zone', () => {
    // 00:30 UTC is 08:30 in Qingdao: not yet open; 01:00 UTC is 09:00: open.
    expect(isOpenAt(hours, Date.UTC(2026, 11, 1, 0, 30))).toBe(false);
    expect(isOpenAt(hours, Date.UTC(2026, 11, 1, 1, 0))).toBe(true);
    expect(shanghaiTime(Date.UTC(2026, 11, 1, 16, 30))).toEqual({ date: '2026-12-02', minute: 30 });
  });

  it('closes at the closing minute', () => {
    expect(isOpenAt(hours, shanghai('2026-12-01T16:59'))).toBe(true);
    expect(isOpenAt(hours, shanghai('2026-12-01T17:00'))).toBe(false);
  });

  it('keeps weekend hours on Saturday and Sunday, and a branch without them closed', () => {
    expect(isOpenAt(hours, shanghai('2026-12-05T10:00'))).toBe(true); // Saturday
    expect(isOpenAt(hours, shanghai('2026-12-05T16:30'))).toBe(false);
    expect(isOpenAt({ weekday: '09:00-17:00', weekend: null }, shanghai('2026-12-06T10:00'))).toBe(false);
  });

  it('is closed on public holidays, even on a weekday', () => {
    expect(dayKind('2026-10-05')).toBe('holiday'); // Monday in the National Day week
    expect(isOpenAt(hours, shanghai('2026-10-05T10:00'))).toBe(false);
    expect(isOpenAt(hours, shanghai('2027-02-08T10:00'))).toBe(false); // 2027 Spring Festival (provisional)
  });

  it('opens with weekday hours on a make-up working day that falls on a weekend', () => {
    expect(dayKind('2026-10-10')).toBe('workday'); // Saturday, worked for the National Day week
    expect(isOpenAt({ weekday: '09:00-17:00', weekend: null }, shanghai('2026-10-10T10:00'))).toBe(true);
  });

  it('gives each service its own bit', () => {
    expect(servicesMask(['instant_card', 'card_business']) & serviceBit('instant_card')).toBeTruthy();
    expect(servicesMask(['card_business']) & serviceBit('instant_card')).toBe(0);
  });
});
