import type { ErrorTable } from './error-spec';

/**
 * Personal records (查询), proofs of contributions (参保证明) and the Qingdao HRSS system they
 * come from. Every refusal says what to do instead.
 */
export const recordsErrors = {
  WARD_NOT_FOUND: { status: 404, zh: '没有找到该家庭成员，请先在“家庭成员”中添加', en: 'This family member was not found. Add them under Family members first.' },
  HRSS_PERSON_UNKNOWN: { status: 404, zh: '青岛人社系统中没有您的参保记录；如在外地参保，请到参保地查询', en: 'Qingdao HRSS has no record of you. If you are insured elsewhere, ask there.' },
  HRSS_REFUSED: { status: 422, zh: '人社系统未受理该请求，请核对后重试或拨打12333咨询', en: 'The HRSS system did not accept this request. Please check it or call 12333.' },
  PROOF_PERIOD_INVALID: { status: 400, zh: '证明期间有误：起止月份不能晚于本月，且最长10年', en: 'The period is not valid: it must end by this month and span at most 10 years.' },
  PROOF_NOTHING_PAID: { status: 422, zh: '所选期间内没有缴费记录，无法出具参保证明；请调整期间或到社保经办窗口咨询', en: 'No contributions were paid in this period. Choose another period or ask at a branch.' },
  PROOF_CODE_INVALID: { status: 404, zh: '验证码无效：该证明不是本系统出具的，或验证码有误', en: 'This verification code is not valid: the proof was not issued by us or the code is mistyped.' },
  PROOF_FILE_GONE: { status: 410, zh: '证明文件已过期清理，请重新开具', en: 'This proof file is no longer kept. Please issue a new one.' },
} satisfies ErrorTable;
