import { Route, Routes } from 'react-router';
import IncomingDocumentPage from './IncomingDocumentPage.js';
import IncomingImportPage from './IncomingImportPage.js';
import IncomingLedgerPage from './IncomingLedgerPage.js';
import IncomingRegisterPage from './IncomingRegisterPage.js';
import IncomingStatsPage from './IncomingStatsPage.js';

/** 收文管理: the ledger and everything below `/incoming` (a 待办 link opens `/incoming/<id>`). */
export default function IncomingRoutes() {
  return (
    <Routes>
      <Route index element={<IncomingLedgerPage />} />
      <Route path="new" element={<IncomingRegisterPage />} />
      <Route path="import" element={<IncomingImportPage />} />
      <Route path="stats" element={<IncomingStatsPage />} />
      <Route path=":id" element={<IncomingDocumentPage />} />
    </Routes>
  );
}
