import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in src/web and builds to dist/web, which the server serves with an
// SPA fallback; in development Vite proxies /api to the server on port 3000.
const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Vendor code in long-lived chunks, split by id so tree-shaking still applies.
        manualChunks: (id) => {
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (/\/node_modules\/(antd|@ant-design|@rc-component|rc-[\w-]+|dayjs)\//.test(id)) return 'antd';
          if (/\/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler)\//.test(id)) return 'react';
          // the rule builder's own code (react-querybuilder and its Redux store): loaded with its page only,
          // and kept out of 'vendor', which 'antd' imports, so that no chunk cycle forms through @react-querybuilder/antd
          if (/\/node_modules\/(react-querybuilder|@react-querybuilder|@reduxjs|redux|react-redux|immer|reselect|numeric-quantity|@ts-jison)\//.test(id)) return 'querybuilder';
          return 'vendor';
        },
      },
    },
  },
  // GAODI_API_URL points the dev server (and `vite preview`) at another API port. Only the
  // API's own paths are proxied: the app's sources under src/web/api/ are served as /api/*.ts.
  server: {
    proxy: Object.fromEntries(
      ['/api/v1/', '/api/health', '/api/openapi.json'].map((path) => [
        path,
        { target: process.env.GAODI_API_URL ?? 'http://localhost:3000', changeOrigin: false },
      ]),
    ),
  },
});
