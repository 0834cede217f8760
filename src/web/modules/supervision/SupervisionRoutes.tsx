import { Route, Routes } from 'react-router';
import DivisionPage from './DivisionPage.js';
import ItemPage from './ItemPage.js';
import LedgerPage from './LedgerPage.js';
import WeeklyReportPage from './WeeklyReportPage.js';

/** 督查督办: the ledger and everything below `/supervision` (a 待办 link opens `/supervision/<id>`). */
export default function SupervisionRoutes() {
  return (
    <Routes>
      <Route index element={<LedgerPage />} />
      <Route path="report" element={<WeeklyReportPage />} />
      <Route path="division" element={<DivisionPage />} />
      <Route path=":id" element={<ItemPage />} />
    </Routes>
  );
}
