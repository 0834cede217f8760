import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { bindErrorUi } from './errors.js';
import { queryClient } from './query.js';
import { router } from './router.js';
import { theme } from './theme.js';

dayjs.locale('zh-cn');

/** Gives the one error handler (errors.ts) antd's message API and the router. */
function ErrorUiBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    bindErrorUi({
      message,
      navigate: (to, opts) => router.navigate(to, opts),
    });
  }, [message]);
  return null;
}

/** Users who ask their system for less motion get none (and so do the browser tests, which ask for it). */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
const appTheme = reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ErrorUiBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
