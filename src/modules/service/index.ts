/** 万人助万企: the enterprise service desk (liaisons, visits, requests, dispatch, time limits, ratings, Open311). */
export { createServiceDeskService, type ServiceDeskService } from './service.service.ts';
/** 包联 and 走访. */
export { createLiaisonsService, type LiaisonsService } from './liaisons.service.ts';
/** Leaders' figures over the requests in scope. */
export { createServiceStats, type ServiceStats } from './service-stats.ts';
/** The idempotent overdue/reminder sweep, and the pg-boss queue that runs it on a schedule. */
export { createDeadlineSweep, type DeadlineSweep } from './deadline-sweep.ts';
export { requestSweep, startServiceJobs, sweepJob, SWEEP_QUEUE, type ServiceJobs } from './service.jobs.ts';
/** HTTP routes under /api/v1 and the Open311 GeoReport v2 endpoints. */
export { serviceRoutes } from './service.routes.ts';
export { open311Routes } from './open311.routes.ts';
/** Demo data: departments and their handlers, liaisons, visits, requests in every state (some overdue). */
export { seedServiceDemo, DEMO_DEPARTMENT_ACCOUNTS } from './service-demo.ts';
