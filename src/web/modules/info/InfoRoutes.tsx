import { Route, Routes } from 'react-router';
import BulletinPage from './BulletinPage.js';
import InfoEditPage from './InfoEditPage.js';
import InfoItemPage from './InfoItemPage.js';
import InfoLedgerPage from './InfoLedgerPage.js';
import PortalAdminPage from './PortalAdminPage.js';
import ProgressPage from './ProgressPage.js';
import ScoringPage from './ScoringPage.js';

/** 信息报送: the list and everything below `/info` (a 待办 or search hit opens `/info/<id>`). */
export default function InfoRoutes() {
  return (
    <Routes>
      <Route index element={<InfoLedgerPage />} />
      <Route path="new" element={<InfoEditPage />} />
      <Route path="progress" element={<ProgressPage />} />
      <Route path="bulletin" element={<BulletinPage />} />
      <Route path="scoring" element={<ScoringPage />} />
      <Route path="portal" element={<PortalAdminPage />} />
      <Route path=":id" element={<InfoItemPage />} />
      <Route path=":id/edit" element={<InfoEditPage />} />
    </Routes>
  );
}
