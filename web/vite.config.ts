import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './build/service-worker-plugin.ts';

const webDir = fileURLToPath(new URL('.', import.meta.url));
/** One worker source for the two apps that work offline. */
const workerSource = fileURLToPath(new URL('./src/offline/sw.ts', import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [
    react(),
    serviceWorker({
      name: 'trainer',
      fileName: 'sw.js',
      scope: '/trainer',
      source: workerSource,
      entries: [{ module: 'src/trainer/start.tsx', onDemand: true }],
      extra: ['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'],
    }),
    // The participant's page (`/peserta#<token>`): the manager app's shell without its pages, and that one page.
    serviceWorker({
      name: 'peserta',
      fileName: 'peserta-sw.js',
      scope: '/peserta',
      source: workerSource,
      entries: [
        { module: 'src/start.tsx', onDemand: false },
        { module: 'src/public/ParticipantHomePage.tsx', onDemand: true },
      ],
      extra: ['/favicon.svg'],
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
