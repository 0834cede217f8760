import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client lives in src/web and is built into dist/web, which the Fastify
// server serves at `/` (src/server/core/http/web-client.ts). Asset names carry
// content hashes so the server can cache them for a year.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    assetsDir: 'assets',
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env['ZHONGSHU_API'] ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
