import { ScheduleOutlined } from '@ant-design/icons';
import type { ClientModule } from '../../app/module.js';

/** The working calendar (放假安排) the system administrator keeps. */
export const calendarModule: ClientModule = {
  pages: [
    {
      key: 'calendar',
      path: 'system/calendar',
      title: '工作日历',
      group: 'system',
      access: ['sysadmin'],
      icon: ScheduleOutlined,
      load: () => import('./CalendarPage.js'),
    },
  ],
};
