import type { ErrorTable } from './error-spec';

/**
 * Physical card operations (activation, temporary loss and its release, cancellation) and
 * instant card-making appointments. Each refusal says what to do instead.
 */
export const cardErrors = {
  CARD_OP_BRANCH_ONLY: { status: 409, zh: '该业务需本人携带身份证件到社保卡服务网点办理，可选择就近的即时制卡网点', en: 'This has to be done in person at a card service branch. Choose a nearby instant card-making branch.' },
  CARD_OP_IN_PRODUCTION: { status: 409, zh: '社保卡仍在制作中，制作完成并领卡后才能办理，请在制卡进度中查看', en: 'The card is still being made. You can do this after collecting it; see the production progress.' },
  CARD_OP_NOT_ACTIVATED: { status: 409, zh: '社保卡尚未激活，请先激活后再办理', en: 'The card is not activated yet. Please activate it first.' },
  CARD_OP_ALREADY_ACTIVE: { status: 409, zh: '社保卡已激活，无需再次激活', en: 'The card is already activated.' },
  CARD_OP_ALREADY_REPORTED: { status: 409, zh: '社保卡已临时挂失；找回卡片后可解除挂失，确已丢失请到网点正式挂失补卡', en: 'The card is already reported lost. Lift the report when you find it, or replace it at a branch.' },
  CARD_OP_NOT_REPORTED: { status: 409, zh: '社保卡未挂失，无需解除挂失', en: 'The card is not reported lost.' },
  CARD_OP_FORMALLY_LOST: { status: 409, zh: '社保卡已正式挂失，请携带身份证件到就近的即时制卡网点补办新卡', en: 'The card is formally reported lost. Get a replacement at a nearby instant card-making branch.' },
  CARD_OP_CARD_CLOSED: { status: 409, zh: '该社保卡已注销或已补换，不能再办理；如需用卡请到就近的即时制卡网点申领', en: 'This card is cancelled or replaced. For a card, apply at a nearby instant card-making branch.' },
  CARD_NUMBER_MISMATCH: { status: 400, zh: '卡号与您的社保卡不一致，请核对卡面上的社会保障卡号', en: 'The card number does not match your card. Check the number printed on the card.' },
  CARD_STATUS_CHANGED: { status: 409, zh: '社保卡状态刚刚发生变化，请刷新后重试', en: 'The card status just changed. Please refresh and try again.' },
  CARD_CONFIRMATION_REQUIRED: { status: 400, zh: '请输入电子社保卡密码或完成人脸核验后再办理', en: 'Confirm with your e-card password or a face check.' },
  CARD_APPOINTMENT_SLOT_FULL: { status: 409, zh: '该时段已约满，请选择其他时段或其他网点', en: 'This time slot is full. Choose another slot or branch.' },
  CARD_APPOINTMENT_ACTIVE_EXISTS: { status: 409, zh: '您已有一个未完成的预约，可改约或取消后再预约', en: 'You already have an appointment. Reschedule or cancel it first.' },
  CARD_APPOINTMENT_SLOT_INVALID: { status: 400, zh: '该网点不提供即时制卡或该日期不可预约，请重新选择', en: 'This branch does not make cards on the spot, or the date cannot be booked. Choose again.' },
  CARD_APPOINTMENT_NOT_ACTIVE: { status: 409, zh: '该预约已取消，请重新预约', en: 'This appointment was cancelled. Please book again.' },
} as const satisfies ErrorTable;
