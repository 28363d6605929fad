import '@mantine/core/styles.css';
import '../i18n/setup.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadEdits } from './offline/edit-outbox.ts';
import { loadMentoring } from './offline/mentoring-outbox.ts';
import { loadOutbox } from './offline/outbox.ts';
import { registerServiceWorker } from './offline/service-worker-registration.ts';
import { TrainerApp } from './TrainerApp.tsx';

// Installable: the manifest is linked by the trainer app only (the manager pages are not an app to install).
const manifest = document.createElement('link');
manifest.rel = 'manifest';
manifest.href = '/manifest.webmanifest';
document.head.append(manifest);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void loadOutbox();
void loadMentoring();
void loadEdits();
createRoot(root).render(
  <StrictMode>
    <TrainerApp />
  </StrictMode>,
);
registerServiceWorker();
