import type { ErrorTable } from './error-spec';

/** Online business (网上办事): forms, attachments and applications. */
export const businessErrors = {
  BUSINESS_ITEM_UNKNOWN: { status: 404, zh: '没有该办事事项，请返回服务列表重新选择', en: 'There is no such service. Please choose again from the list.' },
  FORM_INVALID: { status: 400, zh: '表单填写有误，请按提示修改后再提交', en: 'Some answers in the form need fixing. Please follow the hints and submit again.' },
  ATTACHMENT_REQUIRED: { status: 400, zh: '缺少必需的材料，请上传后再提交', en: 'A required document is missing. Please upload it and submit again.' },
  ATTACHMENT_TYPE_REFUSED: { status: 415, zh: '材料格式不支持，请上传 PDF、JPG 或 PNG 文件', en: 'This file type is not accepted. Please upload a PDF, JPG or PNG file.' },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '材料文件太大，请压缩后重新上传', en: 'The file is too large. Please make it smaller and upload it again.' },
  ATTACHMENT_INVALID: { status: 400, zh: '材料无法使用：请重新上传后再提交', en: 'This document cannot be used. Please upload it again.' },
  APPLICATION_NOT_FOUND: { status: 404, zh: '没有找到该申请', en: 'This application was not found.' },
  APPLICATION_NOT_WITHDRAWABLE: { status: 409, zh: '该申请已办结，不能撤回；如有疑问请拨打12333', en: 'This application is already decided and cannot be withdrawn. Call 12333 with questions.' },
} satisfies ErrorTable;
