import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppProviders } from './AppProviders';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { FullPageSpin } from './components/FullPageSpin';
import { HomeRedirect } from './layout/HomeRedirect';
import { NotFoundPage } from './layout/NotFoundPage';

const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const UnitsPage = lazy(() =>
  import('./pages/units/UnitsPage').then((m) => ({ default: m.UnitsPage })),
);
const UnitDetail = lazy(() =>
  import('./pages/units/UnitDetail').then((m) => ({ default: m.UnitDetail })),
);
const UsersPage = lazy(() =>
  import('./pages/users/UsersPage').then((m) => ({ default: m.UsersPage })),
);
const AuditPage = lazy(() =>
  import('./pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
);
const AccountPage = lazy(() =>
  import('./pages/account/AccountPage').then((m) => ({ default: m.AccountPage })),
);
const MembersPage = lazy(() =>
  import('./pages/members/MembersPage').then((m) => ({ default: m.MembersPage })),
);
const MemberNewPage = lazy(() =>
  import('./pages/members/MemberNewPage').then((m) => ({ default: m.MemberNewPage })),
);
const MemberProfilePage = lazy(() =>
  import('./pages/members/MemberProfilePage').then((m) => ({ default: m.MemberProfilePage })),
);
const ImportMembersPage = lazy(() =>
  import('./pages/imports/ImportMembersPage').then((m) => ({ default: m.ImportMembersPage })),
);
const TransfersPage = lazy(() =>
  import('./pages/transfers/TransfersPage').then((m) => ({ default: m.TransfersPage })),
);
const CasesPage = lazy(() =>
  import('./pages/cases/CasesPage').then((m) => ({ default: m.CasesPage })),
);
const CaseNewPage = lazy(() =>
  import('./pages/cases/CaseNewPage').then((m) => ({ default: m.CaseNewPage })),
);
const CaseRulesPage = lazy(() =>
  import('./pages/cases/CaseRulesPage').then((m) => ({ default: m.CaseRulesPage })),
);
const CaseDetailPage = lazy(() =>
  import('./pages/cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })),
);
const ReportsPage = lazy(() =>
  import('./pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const ReportPage = lazy(() =>
  import('./pages/reports/ReportPage').then((m) => ({ default: m.ReportPage })),
);
const TemplatesPage = lazy(() =>
  import('./pages/reports/TemplatesPage').then((m) => ({ default: m.TemplatesPage })),
);
const TemplateEditorPage = lazy(() =>
  import('./pages/reports/TemplateEditorPage').then((m) => ({ default: m.TemplateEditorPage })),
);
const BriefingPage = lazy(() =>
  import('./pages/reports/BriefingPage').then((m) => ({ default: m.BriefingPage })),
);
const OversightPage = lazy(() =>
  import('./pages/reports/OversightPage').then((m) => ({ default: m.OversightPage })),
);
const DuesPage = lazy(() => import('./pages/dues/DuesPage').then((m) => ({ default: m.DuesPage })));
const RequestsPage = lazy(() =>
  import('./pages/requests/RequestsPage').then((m) => ({ default: m.RequestsPage })),
);
const PortalPage = lazy(() =>
  import('./pages/portal/PortalPage').then((m) => ({ default: m.PortalPage })),
);
const InvitePage = lazy(() =>
  import('./pages/public/InvitePage').then((m) => ({ default: m.InvitePage })),
);
const VerifyPage = lazy(() =>
  import('./pages/public/VerifyPage').then((m) => ({ default: m.VerifyPage })),
);
const PublicCasePage = lazy(() =>
  import('./pages/public/PublicCasePage').then((m) => ({ default: m.PublicCasePage })),
);

/**
 * Routes: /login and the public pages (/invite/:token, /verify/:token) outside the shell;
 * everything else needs a session.
 */
export function App() {
  return (
    <AppProviders>
      <BrowserRouter>
        <Suspense fallback={<FullPageSpin />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/invite/:token" element={<InvitePage />} />
            <Route path="/verify/:token" element={<VerifyPage />} />
            <Route path="/gui-don" element={<PublicCasePage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomeRedirect />} />
              <Route path="units" element={<UnitsPage />}>
                <Route path=":id" element={<UnitDetail />} />
              </Route>
              <Route path="users" element={<UsersPage />}>
                <Route path=":id" element={null} />
              </Route>
              <Route path="members" element={<MembersPage />} />
              <Route path="members/new" element={<MemberNewPage />} />
              <Route path="members/import" element={<ImportMembersPage />} />
              <Route path="members/:id" element={<MemberProfilePage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="transfers" element={<TransfersPage />} />
              <Route path="cases" element={<CasesPage />} />
              <Route path="cases/new" element={<CaseNewPage />} />
              <Route path="cases/rules" element={<CaseRulesPage />} />
              <Route path="cases/:id" element={<CaseDetailPage />} />
              <Route path="reports" element={<ReportsPage />} />
              <Route path="reports/templates" element={<TemplatesPage />} />
              <Route path="reports/templates/new" element={<TemplateEditorPage />} />
              <Route path="reports/templates/:id" element={<TemplateEditorPage />} />
              <Route path="reports/:id" element={<ReportPage />} />
              <Route path="briefing" element={<BriefingPage />} />
              <Route path="oversight" element={<OversightPage />} />
              <Route path="dues" element={<DuesPage />} />
              <Route path="requests" element={<RequestsPage />} />
              <Route path="portal" element={<PortalPage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </AppProviders>
  );
}
