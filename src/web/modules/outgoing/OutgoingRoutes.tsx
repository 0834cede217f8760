import { Route, Routes } from 'react-router';
import OutgoingDocumentPage from './OutgoingDocumentPage.js';
import OutgoingListPage from './OutgoingListPage.js';
import OutgoingNewPage from './OutgoingNewPage.js';
import OutgoingSettingsPage from './OutgoingSettingsPage.js';

/** 发文管理: the list and everything below `/outgoing` (a 待办 link opens `/outgoing/<id>`). */
export default function OutgoingRoutes() {
  return (
    <Routes>
      <Route index element={<OutgoingListPage />} />
      <Route path="new" element={<OutgoingNewPage />} />
      <Route path="settings" element={<OutgoingSettingsPage />} />
      <Route path=":id" element={<OutgoingDocumentPage />} />
    </Routes>
  );
}
