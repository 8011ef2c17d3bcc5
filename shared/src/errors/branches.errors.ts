import type { ErrorTable } from './error-spec';

/** Branch search. Import problems are reported per row by the import command, not by the API. */
export const branchesErrors = {
  BRANCHES_NOT_READY: { status: 503, zh: '网点数据正在加载，请稍后再试，或拨打12345咨询', en: 'Branch data is loading. Please try again shortly or call 12345.' },
  BRANCH_NOT_FOUND: { status: 404, zh: '没有找到该网点，请重新搜索附近网点', en: 'This branch was not found. Please search again.' },
} satisfies ErrorTable;
