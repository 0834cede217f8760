import { Route, Routes } from 'react-router';
import SecrecyHome from './SecrecyHome.js';

/** 保密管理: the overview and its tabs (the tab lives in the address: `/secrecy?tab=personnel`). */
export default function SecrecyRoutes() {
  return (
    <Routes>
      <Route index element={<SecrecyHome />} />
      <Route path="*" element={<SecrecyHome />} />
    </Routes>
  );
}
