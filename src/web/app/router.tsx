import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin, HomeRedirect, NotFound, PageGuard, RequireAuth } from './guards.js';
import type { PageHandle, PageTable } from './pageTable.js';

function pageRoutes(table: PageTable): RouteObject[] {
  return table.pages.flatMap((page) => {
    const handle: PageHandle = { page };
    const route: RouteObject = { path: page.path, element: <PageGuard page={page} component={lazy(page.load)} />, handle };
    // Modules own everything below their path (`/incoming/<id>` from a 待办 link).
    return page.plan || page.nested ? [route, { ...route, path: `${page.path}/*` }] : [route];
  });
}

// While the first lazy chunk of a deep link loads, a spinner rather than a blank page.
const hydrateFallbackElement = <FullPageSpin />;

export function createAppRouter(table: PageTable) {
  return createBrowserRouter([
    {
      path: '/login',
      hydrateFallbackElement,
      lazy: async () => ({ Component: (await import('./login/LoginPage.js')).default }),
    },
    {
      path: '/change-password',
      hydrateFallbackElement,
      element: <RequireAuth passwordChangePage />,
      children: [{ index: true, lazy: async () => ({ Component: (await import('./login/ForcedPasswordChangePage.js')).default }) }],
    },
    {
      path: '/',
      hydrateFallbackElement,
      element: <RequireAuth />,
      children: [
        {
          lazy: async () => ({ Component: (await import('./layout/AppLayout.js')).default }),
          children: [{ index: true, element: <HomeRedirect /> }, ...pageRoutes(table), { path: '*', element: <NotFound /> }],
        },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
