import { Route, Routes } from 'react-router';
import InfoItemPage from './InfoItemPage.js';
import InfoLedgerPage from './InfoLedgerPage.js';

/** 政务信息: the ledger and everything below `/info` (a 待办 or search hit opens `/info/<id>`). */
export default function InfoRoutes() {
  return (
    <Routes>
      <Route index element={<InfoLedgerPage />} />
      <Route path=":id" element={<InfoItemPage />} />
    </Routes>
  );
}
