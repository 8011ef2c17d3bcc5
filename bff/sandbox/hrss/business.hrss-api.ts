import { BUSINESS_ITEMS, canTransition, isFinalStatus, validateForm, type ApplicationStatus } from '@qdssc/shared';
import { HRSS_CODE } from '../../src/adapters/hrss/hrss-wire';
import { fail, ok, paramInvalid, personUnknown, type HrssApi } from './hrss-api-registry';
import { findPersonByIdNumber, type HrssTwinState, type TwinApplication } from './hrss-twin-state';

/**
 * Business area of the HRSS twin: receives applications (idempotent on the BFF's application
 * number), lets the applicant withdraw before a decision, and moves applications along on its
 * own schedule (settings.advanceStepMs) or when the sandbox is told to — each move is a signed
 * callback to the BFF.
 */

const FORWARD: ApplicationStatus[] = ['submitted', 'accepted', 'in_review', 'approved'];

const view = (a: TwinApplication) => ({ applicationNo: a.applicationNo, status: a.status, version: a.version, reason: a.reason, acceptNo: a.acceptNo });

/** Moves an application to `to`, one callback per step (accepted, in review, approved). */
export function advanceApplication(state: HrssTwinState, app: TwinApplication, to: ApplicationStatus, reason: string | null): boolean {
  if (isFinalStatus(app.status) || to === 'submitted') return false;
  if (to === 'rejected' || to === 'withdrawn') {
    if (!canTransition(app.status, to, 'hrss')) return false;
    state.step(app, to, reason ?? (to === 'rejected' ? '材料不符合要求' : null));
    return true;
  }
  const target = FORWARD.indexOf(to);
  if (target <= FORWARD.indexOf(app.status)) return false;
  for (let i = FORWARD.indexOf(app.status) + 1; i <= target; i++) state.step(app, FORWARD[i]);
  return true;
}

function scheduleAutoAdvance(state: HrssTwinState, app: TwinApplication): void {
  const step = state.settings.advanceStepMs;
  if (step <= 0) return;
  const plan: ApplicationStatus[] = ['accepted', 'in_review', state.settings.autoOutcome];
  plan.forEach((to, i) =>
    state.later(step * (i + 1), () => {
      if (!isFinalStatus(app.status)) advanceApplication(state, app, to, to === 'rejected' ? '经审核，申请材料不完整，请补充后重新申请' : null);
    }),
  );
}

export const businessHrssApis: HrssApi[] = [
  {
    name: 'business.submit',
    method: 'POST',
    path: '/api/v1/business/applications',
    handler: ({ body }, state, sc) => {
      const no = body.applicationNo;
      if (typeof no !== 'string' || !/^[A-Z0-9]{8,32}$/.test(no)) return paramInvalid('applicationNo');
      const existing = state.applications.get(no);
      if (existing) return ok(view(existing));
      const item = BUSINESS_ITEMS.find((i) => i.hrssItemCode === body.itemCode);
      if (!item) return fail(HRSS_CODE.ITEM_UNKNOWN, '事项编码不存在');
      if (!findPersonByIdNumber(sc, body.aac002)) return personUnknown();
      const check = validateForm(item, body.form, new Date(sc.now()));
      if (!check.ok) return paramInvalid(`表单校验未通过：${check.problems.map((p) => `${p.field}:${p.problem}`).join(',')}`);
      const app: TwinApplication = {
        applicationNo: no, itemCode: item.hrssItemCode, aac002: body.aac002 as string, form: check.values,
        attachments: Array.isArray(body.attachments) ? body.attachments : [],
        status: 'submitted', version: 0, reason: null, acceptNo: null, submittedAt: String(body.submittedAt ?? new Date(sc.now()).toISOString()),
      };
      state.applications.set(no, app);
      scheduleAutoAdvance(state, app);
      return ok(view(app));
    },
  },
  {
    name: 'business.withdraw',
    method: 'POST',
    path: '/api/v1/business/applications/:no/withdrawal',
    handler: ({ body, params }, state) => {
      const app = state.applications.get(params.no);
      if (!app) return fail(HRSS_CODE.APPLICATION_UNKNOWN, '申请不存在');
      if (app.status === 'withdrawn') return ok(view(app));
      if (!canTransition(app.status, 'withdrawn', 'user')) return fail(HRSS_CODE.STATE_CONFLICT, `申请已${app.status === 'approved' ? '办结' : '不予受理'}，不能撤回`);
      state.step(app, 'withdrawn', typeof body.reason === 'string' && body.reason ? body.reason : '申请人撤回');
      return ok(view(app));
    },
  },
  {
    name: 'business.get',
    method: 'GET',
    path: '/api/v1/business/applications/:no',
    handler: ({ params }, state) => {
      const app = state.applications.get(params.no);
      return app ? ok(view(app)) : fail(HRSS_CODE.APPLICATION_UNKNOWN, '申请不存在');
    },
  },
];
