export * from './errors';
export * from './api';
export * from './domain/id-number';
export * from './domain/mask';
export * from './domain/money';
export * from './domain/ecard';
