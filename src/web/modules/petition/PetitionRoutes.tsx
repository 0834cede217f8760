import { Route, Routes } from 'react-router';
import PetitionItemPage from './PetitionItemPage.js';
import PetitionLedgerPage from './PetitionLedgerPage.js';

/** 信访件: the ledger and everything below `/petition` (a 待办 or search hit opens `/petition/<id>`). */
export default function PetitionRoutes() {
  return (
    <Routes>
      <Route index element={<PetitionLedgerPage />} />
      <Route path=":id" element={<PetitionItemPage />} />
    </Routes>
  );
}
