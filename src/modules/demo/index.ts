/** Demo data: generated enterprises and one account per role. */
export { seedDemo, type DemoAccount } from './demo.service.ts';
export { generateDemoEnterprises, type DemoEnterprise } from './demo-enterprises.ts';
