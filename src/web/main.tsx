import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { buildPageTable } from './app/pages.js';
import { createAppRouter } from './app/router.js';
import { installedModules } from './registry.js';
import './app/global.css';

// The one place the shell meets the modules: it gets their pages and kinds, never imports them.
const table = buildPageTable(installedModules);
const router = createAppRouter(table);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App table={table} router={router} />
    </StrictMode>,
  );
}
