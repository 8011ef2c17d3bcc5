import type { ErrorTable } from './error-spec';

/**
 * Identity (real name, face check), the e-card (application, levels, password, QR), guardians
 * and family, uploads, and terminal verification. Refusals say what to do instead.
 */
export const ecardErrors = {
  // real-name binding and face checks
  ID_NUMBER_INVALID: { status: 400, zh: '证件号码有误，请按证件上的号码核对后重新输入', en: 'The ID number is not valid. Please check it against your document.' },
  NAME_INVALID: { status: 400, zh: '姓名格式有误，请按证件上的姓名填写', en: 'Please enter your name exactly as on your ID document.' },
  REAL_NAME_REQUIRED: { status: 403, zh: '请先完成实名认证', en: 'Please verify your identity first.' },
  REAL_NAME_ALREADY_BOUND: { status: 409, zh: '该账号已绑定其他身份信息，如需更换请拨打12345咨询', en: 'This account is already bound to another person. Call 12345 to change it.' },
  IDENTITY_MISMATCH: { status: 422, zh: '姓名与证件号码不一致，请核对后重试', en: 'The name does not match the ID number. Please check and try again.' },
  FACE_CHECK_UNAVAILABLE: { status: 400, zh: '当前环境不支持人脸核验，请在微信或支付宝中打开“青岛电子社保卡”小程序办理', en: 'Face verification is not available here. Please use the mini-program in WeChat or Alipay.' },
  FACE_CHECK_NOT_FOUND: { status: 404, zh: '人脸核验已过期，请重新核验', en: 'The face verification has expired. Please verify again.' },
  FACE_CHECK_NOT_PASSED: { status: 403, zh: '人脸核验未通过，请本人在光线充足处正对手机重试', en: 'Face verification did not pass. Please try again yourself in good light.' },
  FACE_CHECK_USED: { status: 409, zh: '该次人脸核验结果已使用，请重新核验', en: 'This face verification was already used. Please verify again.' },
  FACE_CHECK_MISMATCH: { status: 403, zh: '人脸核验的身份与当前办理人不一致', en: 'The face verification was for another person.' },

  // eligibility and applications
  NOT_INSURED_IN_QINGDAO: { status: 403, zh: '您目前未在青岛参加社会保险或享受社保待遇，暂不能在此申领。可到就近的社保卡合作银行网点或拨打12345咨询', en: 'You are not insured in Qingdao and cannot apply here. Ask at a partner bank branch or call 12345.' },
  APPLICANT_UNDER_16: { status: 403, zh: '未满16周岁，请由监护人在“亲情服务”中代为申领', en: 'Under 16: a guardian applies for you under Family services.' },
  CARD_NOT_FOUND: { status: 409, zh: '未查询到您的实体社保卡，请先到社保卡合作银行网点申领社保卡', en: 'No social security card was found for you. Please apply for one at a partner bank branch first.' },

  // using the card
  ECARD_NOT_SIGNED: { status: 409, zh: '尚未申领电子社保卡，请先申领', en: 'You do not have an e-card yet. Please apply first.' },
  ECARD_REVOKED: { status: 409, zh: '电子社保卡已停用，如需使用请重新申领', en: 'The e-card was stopped. Apply again to use it.' },
  CARD_NOT_ACTIVATED: { status: 409, zh: '社保卡尚未启用，请到合作银行网点或通过“青岛人社”APP启用后再使用', en: 'The card is not activated yet. Activate it at a bank branch or in the Qingdao HRSS app.' },
  CARD_TEMPORARILY_LOST: { status: 409, zh: '社保卡已临时挂失，电子社保卡暂停使用；解除挂失后即可恢复', en: 'The card is temporarily reported lost, so the e-card is paused until the report is lifted.' },
  CARD_LOST: { status: 409, zh: '社保卡已正式挂失，电子社保卡不能使用，请到合作银行网点补换卡', en: 'The card is reported lost; the e-card cannot be used. Replace the card at a bank branch.' },
  CARD_CANCELLED: { status: 409, zh: '社保卡已注销，电子社保卡不能使用；如需用卡请到合作银行网点办理', en: 'The card is cancelled; the e-card cannot be used. Ask at a bank branch.' },
  CARD_REPLACED: { status: 409, zh: '该社保卡已补换新卡，请使用新卡对应的电子社保卡', en: 'This card was replaced. Use the e-card of the new card.' },
  BANK_ACCOUNT_MISMATCH: { status: 400, zh: '银行账号与社保卡金融账户不一致，请核对社保卡背面的卡号', en: 'The bank account does not match the card’s account. Check the number on the card.' },
  ECARD_LEVEL2_SELF_ONLY: { status: 403, zh: '支付功能须由持卡人本人开通', en: 'Only the cardholder can enable payments.' },
  ECARD_PASSWORD_WEAK: { status: 400, zh: '密码须为6位数字，不能是相同或连续的数字，也不能是生日或证件号后六位', en: 'Use 6 digits, not repeated or consecutive, not your birthday or the end of your ID number.' },
  ECARD_PASSWORD_WRONG: { status: 403, zh: '电子社保卡密码错误', en: 'Wrong e-card password.' },
  ECARD_PASSWORD_LOCKED: { status: 423, zh: '密码错误次数过多，已暂时锁定，请30分钟后再试或使用人脸核验', en: 'Too many wrong passwords. Try again in 30 minutes or use face verification.' },
  ECARD_PASSWORD_NOT_SET: { status: 409, zh: '尚未设置电子社保卡密码，请使用人脸核验', en: 'No e-card password is set. Please use face verification.' },

  // guardians and family
  GUARDIAN_ECARD_REQUIRED: { status: 403, zh: '请先为自己申领电子社保卡，再为家人代办', en: 'Apply for your own e-card before applying for a family member.' },
  WARD_NOT_UNDER_16: { status: 400, zh: '亲情服务只能为未满16周岁的子女代办；已满16周岁请本人申领', en: 'Family services are for children under 16; from 16 they apply themselves.' },
  WARD_IS_SELF: { status: 400, zh: '不能为自己办理亲情服务', en: 'You cannot add yourself as a family member.' },
  FAMILY_LIMIT_REACHED: { status: 409, zh: '家庭成员最多8人，请先移除不再需要的成员', en: 'At most 8 family members. Remove one first.' },
  GUARDIAN_RELATION_UNVERIFIED: { status: 422, zh: '未能核实监护关系，请携带双方证件和户口簿或出生医学证明到合作银行网点办理', en: 'The guardian relationship could not be verified. Bring both IDs and the proof to a bank branch.' },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, zh: '仅支持 JPG、PNG 图片或 PDF 文件', en: 'Only JPG, PNG or PDF files are accepted.' },
  UPLOAD_TOO_LARGE: { status: 413, zh: '文件太大，请拍摄清晰但不超过5MB的照片', en: 'The file is too large (5 MB at most).' },
  UPLOAD_MISSING: { status: 400, zh: '请先选择要上传的证明材料', en: 'Please choose the proof to upload.' },

  // QR codes and terminals
  QR_CODE_INVALID: { status: 400, zh: '二维码无效，请持卡人刷新后重新出示', en: 'Invalid QR code. Ask the holder to refresh it.' },
  QR_CODE_EXPIRED: { status: 410, zh: '二维码已过期，请持卡人刷新后重新出示', en: 'The QR code has expired. Ask the holder to refresh it.' },
  QR_CODE_USED: { status: 409, zh: '二维码已使用，请持卡人刷新后重新出示', en: 'The QR code was already used. Ask the holder to refresh it.' },
  ECARD_LEVEL_TOO_LOW: { status: 403, zh: '该电子社保卡未开通支付功能（需二级签发），请持卡人开通后再支付', en: 'This e-card has no payment function (level 2 needed).' },
  TERMINAL_HEADERS_MISSING: { status: 400, zh: '缺少终端签名信息', en: 'Terminal signature headers are missing.' },
  TERMINAL_SIGNATURE_INVALID: { status: 401, zh: '终端签名校验失败', en: 'The terminal signature is not valid.' },
  TERMINAL_TIMESTAMP_STALE: { status: 401, zh: '终端请求时间超出允许范围（±5分钟），请校准终端时钟', en: 'The terminal timestamp is outside ±5 minutes. Check the terminal clock.' },
  TERMINAL_NONCE_REPLAYED: { status: 409, zh: '终端请求重复（随机数已使用）', en: 'Replayed terminal request (nonce already used).' },
  TERMINAL_DISABLED: { status: 403, zh: '该终端已停用', en: 'This terminal is disabled.' },
} satisfies ErrorTable;
