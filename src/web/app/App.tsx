import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { bindErrorUi } from './errors.js';
import { type PageTable, PageTableContext } from './pageTable.js';
import { queryClient } from './query.js';
import type { AppRouter } from './router.js';
import { theme } from './theme.js';

dayjs.locale('zh-cn');

/** Gives the one error handler (errors.ts) antd's message API and the router. */
function ErrorUiBridge({ router }: { router: AppRouter }) {
  const { message } = AntApp.useApp();
  useEffect(() => {
    bindErrorUi({
      message,
      navigate: (to, opts) => router.navigate(to, opts),
    });
  }, [message, router]);
  return null;
}

/** Users who ask their system for less motion get none (and so do the browser tests, which ask for it). */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
const appTheme = reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;

/** The shell around the page table it is given (main.tsx builds it from the installed modules). */
export function App({ table, router }: { table: PageTable; router: AppRouter }) {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ErrorUiBridge router={router} />
        <QueryClientProvider client={queryClient}>
          <PageTableContext value={table}>
            <RouterProvider router={router} />
          </PageTableContext>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
