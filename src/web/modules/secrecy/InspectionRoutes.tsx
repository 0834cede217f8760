import { Route, Routes } from 'react-router';
import CampaignPage from './CampaignPage.js';
import InspectionHome from './InspectionHome.js';
import SheetPage from './SheetPage.js';

/** 保密自查: campaigns and the user's sheets, a campaign, and a 自查表 (`/inspection/<id>`, where to-dos lead). */
export default function InspectionRoutes() {
  return (
    <Routes>
      <Route index element={<InspectionHome />} />
      <Route path="campaign/:id" element={<CampaignPage />} />
      <Route path=":id" element={<SheetPage />} />
    </Routes>
  );
}
