export * from './form-spec';
export * from './form-validation';
export * from './catalogue';
export * from './application-status';
