import {
  calendarCheckQuerySchema,
  calendarDeadlineQuerySchema,
  calendarDeadlineSchema,
  calendarResetQuerySchema,
  calendarUpdateSchema,
  calendarYearParamsSchema,
  calendarYearSchema,
  dayInfoSchema,
} from '../../../shared/calendar.js';
import type { ServerModule } from '../module.js';
import { requireActor } from '../http/actor.js';
import { checkDay, getCalendarYear, previewDeadline, resetCalendarYear, updateCalendarYear, warmCalendar } from './calendar.service.js';

const tags = ['calendar'];

/** The working-day calendar: every signed-in user reads it; only the sysadmin (系统配置) edits it. */
export const calendarModule: ServerModule = {
  name: 'calendar',
  async register(app, deps) {
    // Loaded before the first request, so no request ever waits for it.
    await warmCalendar(deps);

    // Registered before /:year so "deadline" is never read as a year.
    app.get(
      '/api/calendar/deadline',
      {
        schema: {
          tags,
          summary: '计算期限（工作日、自然日或月）',
          description: 'workdays：第 N 个工作日；days：第 N 日，末日为休息日的顺延至下一工作日；months：同上。三者取其一。',
          querystring: calendarDeadlineQuerySchema,
          response: { 200: calendarDeadlineSchema },
        },
      },
      async (req) => {
        requireActor(req);
        return previewDeadline(deps, req.query);
      },
    );

    app.get(
      '/api/calendar/:year',
      { schema: { tags, summary: '查看某年的放假与调休安排', params: calendarYearParamsSchema, response: { 200: calendarYearSchema } } },
      async (req) => {
        requireActor(req);
        return getCalendarYear(deps, req.params.year);
      },
    );

    app.get(
      '/api/calendar/:year/check',
      {
        schema: {
          tags,
          summary: '查询某日是否为工作日',
          params: calendarYearParamsSchema,
          querystring: calendarCheckQuerySchema,
          response: { 200: dayInfoSchema },
        },
      },
      async (req) => {
        requireActor(req);
        return checkDay(deps, req.params.year, req.query.date);
      },
    );

    app.put(
      '/api/calendar/:year',
      {
        schema: {
          tags,
          summary: '录入或更正某年的放假与调休安排（系统管理员）',
          params: calendarYearParamsSchema,
          body: calendarUpdateSchema,
          response: { 200: calendarYearSchema },
        },
      },
      async (req) => updateCalendarYear(deps, requireActor(req), req.params.year, req.body),
    );

    app.delete(
      '/api/calendar/:year/override',
      {
        schema: {
          tags,
          summary: '删除手工维护的年度日历，恢复内置数据（系统管理员）',
          params: calendarYearParamsSchema,
          querystring: calendarResetQuerySchema,
          response: { 200: calendarYearSchema },
        },
      },
      async (req) => resetCalendarYear(deps, requireActor(req), req.params.year, req.query.version),
    );
  },
};
