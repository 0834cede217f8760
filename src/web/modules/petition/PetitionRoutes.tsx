import { Route, Routes } from 'react-router';
import PetitionItemPage from './PetitionItemPage.js';
import PetitionLedgerPage from './PetitionLedgerPage.js';
import PetitionRegisterPage from './PetitionRegisterPage.js';
import PetitionStatsPage from './PetitionStatsPage.js';

/** 信访工作: the ledger, 登记, 统计 and each petition (a 待办 or search hit opens `/petition/<id>`). */
export default function PetitionRoutes() {
  return (
    <Routes>
      <Route index element={<PetitionLedgerPage />} />
      <Route path="new" element={<PetitionRegisterPage />} />
      <Route path="stats" element={<PetitionStatsPage />} />
      <Route path=":id" element={<PetitionItemPage />} />
    </Routes>
  );
}
