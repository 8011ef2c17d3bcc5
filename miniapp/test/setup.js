// Build-time constant of config/index.ts.
global.API_BASE = 'http://bff.test';
