import { Route, Routes } from 'react-router';
import SecrecyItemPage from './SecrecyItemPage.js';
import SecrecyLedgerPage from './SecrecyLedgerPage.js';

/** 涉密载体: the ledger and everything below `/secrecy` (a 待办 or search hit opens `/secrecy/<id>`). */
export default function SecrecyRoutes() {
  return (
    <Routes>
      <Route index element={<SecrecyLedgerPage />} />
      <Route path=":id" element={<SecrecyItemPage />} />
    </Routes>
  );
}
