import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin, HomeRedirect, NotFound, PageGuard, RequireAuth } from './guards.js';
import { PAGES } from './pages.js';

const pageRoutes: RouteObject[] = PAGES.flatMap((page) => {
  const route: RouteObject = { path: page.path, element: <PageGuard page={page} />, handle: { pageKey: page.key } };
  // Business modules own everything below their path (`/incoming/<id>` from a 待办 link).
  return page.planned || page.nested ? [route, { path: `${page.path}/*`, element: <PageGuard page={page} />, handle: { pageKey: page.key } }] : [route];
});

// While the first lazy chunk of a deep link loads, a spinner rather than a blank page.
const hydrateFallbackElement = <FullPageSpin />;

export const router = createBrowserRouter([
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
        children: [{ index: true, element: <HomeRedirect /> }, ...pageRoutes, { path: '*', element: <NotFound /> }],
      },
    ],
  },
]);
