import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  // react-dom, the router, react-query and the Markdown renderer make one ~160 kB (gzip) bundle.
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
