/** Reference data over HTTP: divisions, jurisdictions, industries, tags, the district map, the size self-check. */
export { referenceRoutes } from './reference.routes.ts';
