import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// In development (`npm run dev`) the API runs on :8080; the built console is served by the API itself.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/v1': 'http://localhost:8080',
      '/health': 'http://localhost:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/setupTests.ts'],
  },
});
