import { Route, Routes } from 'react-router';
import __Name__ItemPage from './__Name__ItemPage.js';
import __Name__LedgerPage from './__Name__LedgerPage.js';

/** __label__: the ledger and everything below `/__name__` (a 待办 or search hit opens `/__name__/<id>`). */
export default function __Name__Routes() {
  return (
    <Routes>
      <Route index element={<__Name__LedgerPage />} />
      <Route path=":id" element={<__Name__ItemPage />} />
    </Routes>
  );
}
