import { API } from '@qdssc/shared';
import { call } from './http';

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
