import { Route, Routes } from 'react-router';
import CarrierLedgerPage from './CarrierLedgerPage.js';
import CarrierPage from './CarrierPage.js';

/** 涉密载体登记簿 and a carrier (`/carrier/<id>`, where to-dos and search hits lead). */
export default function CarrierRoutes() {
  return (
    <Routes>
      <Route index element={<CarrierLedgerPage />} />
      <Route path=":id" element={<CarrierPage />} />
    </Routes>
  );
}
