export * from './code-server.ts';
export * from './browser.ts';
export * from './extension-tests.ts';
