import { API, ERRORS, fillPath, isErrorCode } from '@qdssc/shared';
import { openPdf } from '../platform/documents';
import { getSession } from '../state/session';
import { getSettings } from '../state/settings';
import { ApiError, call } from './http';

type Query = Record<string, string | number | boolean | undefined>;

/** Typed client of the BFF's records module (personal records and proofs of contributions). */
export const recordsService = {
  insurance: (query: Query = {}) => call(API.records.insurance, { query }),
  contributions: (query: Query = {}) => call(API.records.contributions, { query }),
  employment: (query: Query = {}) => call(API.records.employment, { query }),
  training: (query: Query = {}) => call(API.records.training, { query }),
  qualifications: (query: Query = {}) => call(API.records.qualifications, { query }),
  skillLevels: (query: Query = {}) => call(API.records.skillLevels, { query }),
  startupLoans: (query: Query = {}) => call(API.records.startupLoans, { query }),
  issueProof: (from: string, to: string, forWard?: string) => call(API.records.issueProof, { body: { from, to, for: forWard } }),
  verifyProof: (code: string) => call(API.records.verifyProof, { params: { code } }),
};

/**
 * Downloads and opens the PDF of a proof the caller issued, through the host's document viewer
 * (or the browser's). Refusals become the same `ApiError` as any other call.
 */
export async function openProofPdf(code: string): Promise<void> {
  const session = getSession();
  const lang = getSettings().lang;
  const header: Record<string, string> = { 'X-Lang': lang };
  if (session) header.Authorization = `Bearer ${session.token}`;
  try {
    await openPdf(`${API_BASE}${fillPath(API.records.proofFile.path, { code })}`, header, `参保证明-${code}.pdf`);
  } catch (err) {
    const e = err as { status?: number; code?: string };
    if (!e.status) throw new ApiError('NETWORK_UNREACHABLE', ERRORS.NETWORK_UNREACHABLE[lang], 0);
    const c = e.code && isErrorCode(e.code) ? e.code : e.status === 404 ? 'PROOF_CODE_INVALID' : e.status === 410 ? 'PROOF_FILE_GONE' : 'INTERNAL';
    throw new ApiError(c, ERRORS[c][lang], e.status);
  }
}
