import { API, type HandoffRequest } from '@qdssc/shared';
import { call } from './http';

/** Typed client of the BFF's hotline module. */
export const hotlineService = {
  createHandoff: (body: HandoffRequest) => call(API.hotline.createHandoff, { body }),
};
