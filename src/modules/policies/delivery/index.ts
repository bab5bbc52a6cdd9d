/** 政策直达: applications and reviews, budgets, 免申即享 grants, the inbox and its outbox, the leaders' figures. */
export { createDeliveryService, type DeliveryService } from './delivery.service.ts';
export type { DeliveryDeps } from './delivery.context.ts';
export { deliveryRoutes } from './delivery.routes.ts';
export { attachNotices, noticeJob, startDeliveryJobs, NOTICE_QUEUE, type DeliveryJobs } from './delivery.jobs.ts';
export { createLogChannel, type NotificationChannel, type NotificationMessage } from './notification-channel.ts';
export { seedDeliveryDemo } from './delivery-demo.ts';
