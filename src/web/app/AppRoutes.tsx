import { Result } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { LoginPage } from '../modules/auth/LoginPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { FullPageSpin, RequireUser } from './auth.tsx';
import { CHANGE_PASSWORD_PATH, hasPermission, homePathFor } from './navigation.ts';

const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const EnterpriseListPage = lazy(() =>
  import('../modules/enterprises/EnterpriseListPage.tsx').then((m) => ({ default: m.EnterpriseListPage })),
);
const EnterpriseDetailPage = lazy(() =>
  import('../modules/enterprises/EnterpriseDetailPage.tsx').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const EnterpriseCreatePage = lazy(() =>
  import('../modules/enterprises/EnterpriseCreatePage.tsx').then((m) => ({ default: m.EnterpriseCreatePage })),
);
const SelfCheckPage = lazy(() => import('../modules/self-check/SelfCheckPage.tsx').then((m) => ({ default: m.SelfCheckPage })));
const PolicyListPage = lazy(() => import('../modules/policies/PolicyListPage.tsx').then((m) => ({ default: m.PolicyListPage })));
const PolicyItemPage = lazy(() => import('../modules/policies/PolicyItemPage.tsx').then((m) => ({ default: m.PolicyItemPage })));
const PolicyDocumentListPage = lazy(() => import('../modules/policies/PolicyDocumentListPage.tsx').then((m) => ({ default: m.PolicyDocumentListPage })));
const PolicyDocumentPage = lazy(() => import('../modules/policies/PolicyDocumentPage.tsx').then((m) => ({ default: m.PolicyDocumentPage })));
const PolicyRuleBuilderPage = lazy(() => import('../modules/policies/PolicyRuleBuilderPage.tsx').then((m) => ({ default: m.PolicyRuleBuilderPage })));
const EnterprisePoliciesPage = lazy(() =>
  import('../modules/policies/EnterprisePoliciesPage.tsx').then((m) => ({ default: m.EnterprisePoliciesPage })),
);
const PolicyCalculatorPage = lazy(() =>
  import('../modules/policies/PolicyCalculatorPage.tsx').then((m) => ({ default: m.PolicyCalculatorPage })),
);
const ServiceDashboardPage = lazy(() => import('../modules/service/ServiceDashboardPage.tsx').then((m) => ({ default: m.ServiceDashboardPage })));
const RequestListPage = lazy(() => import('../modules/service/RequestListPage.tsx').then((m) => ({ default: m.RequestListPage })));
const RequestDetailPage = lazy(() => import('../modules/service/RequestDetailPage.tsx').then((m) => ({ default: m.RequestDetailPage })));
const RequestCreatePage = lazy(() => import('../modules/service/RequestCreatePage.tsx').then((m) => ({ default: m.RequestCreatePage })));
const DepartmentQueuePage = lazy(() => import('../modules/service/DepartmentQueuePage.tsx').then((m) => ({ default: m.DepartmentQueuePage })));
const LiaisonsPage = lazy(() => import('../modules/service/LiaisonsPage.tsx').then((m) => ({ default: m.LiaisonsPage })));
const ServiceSettingsPage = lazy(() => import('../modules/service/ServiceSettingsPage.tsx').then((m) => ({ default: m.ServiceSettingsPage })));
const AuditPage = lazy(() => import('../modules/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const InboxPage = lazy(() => import('../modules/policies/delivery/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const ApplicationListPage = lazy(() => import('../modules/policies/delivery/ApplicationListPage.tsx').then((m) => ({ default: m.ApplicationListPage })));
const ApplicationFormPage = lazy(() => import('../modules/policies/delivery/ApplicationFormPage.tsx').then((m) => ({ default: m.ApplicationFormPage })));
const ApplicationDetailPage = lazy(() => import('../modules/policies/delivery/ApplicationDetailPage.tsx').then((m) => ({ default: m.ApplicationDetailPage })));
const ExemptListPage = lazy(() => import('../modules/policies/delivery/ExemptListPage.tsx').then((m) => ({ default: m.ExemptListPage })));
const DeliveryStatsPage = lazy(() => import('../modules/policies/delivery/DeliveryStatsPage.tsx').then((m) => ({ default: m.DeliveryStatsPage })));
const GrantListPage = lazy(() => import('../modules/policies/delivery/GrantListPage.tsx').then((m) => ({ default: m.GrantListPage })));
const UsersPage = lazy(() => import('../modules/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const LoginEventsPage = lazy(() => import('../modules/users/LoginEventsPage.tsx').then((m) => ({ default: m.LoginEventsPage })));
const ChangePasswordPage = lazy(() => import('../modules/auth/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })));

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/self-check/public" element={<SelfCheckPage />} />
        <Route path="/policy-calculator/public" element={<PolicyCalculatorPage />} />
        <Route element={<RequireUser>{(user) => <AppLayout user={user} />}</RequireUser>}>
          <Route index element={<RequireUser module="dashboard">{() => <DashboardPage />}</RequireUser>} />
          <Route path="enterprises" element={<RequireUser module="registry">{(user) => <EnterpriseListPage user={user} />}</RequireUser>} />
          <Route
            path="enterprises/new"
            element={
              <RequireUser module="registry">
                {(user) => (hasPermission(user, 'enterprises.create') ? <EnterpriseCreatePage /> : <Navigate to="/enterprises" replace />)}
              </RequireUser>
            }
          />
          <Route
            path="enterprises/:id"
            element={<RequireUser module="registry">{(user) => <EnterpriseDetailPage user={user} />}</RequireUser>}
          />
          <Route
            path="my-enterprise"
            element={
              <RequireUser module="myEnterprise">
                {(user) =>
                  user.enterpriseId ? <EnterpriseDetailPage user={user} enterpriseId={user.enterpriseId} /> : <NotFound />
                }
              </RequireUser>
            }
          />
          <Route path="policies" element={<RequireUser module="policies">{(user) => <PolicyListPage user={user} />}</RequireUser>} />
          <Route path="policies/new" element={<RequireUser module="policies">{(user) => <PolicyRuleBuilderPage user={user} />}</RequireUser>} />
          <Route path="policies/:id" element={<RequireUser module="policies">{(user) => <PolicyItemPage user={user} />}</RequireUser>} />
          <Route path="policies/:id/edit" element={<RequireUser module="policies">{(user) => <PolicyRuleBuilderPage user={user} />}</RequireUser>} />
          <Route path="policy-documents" element={<RequireUser module="policyDocuments">{(user) => <PolicyDocumentListPage user={user} />}</RequireUser>} />
          <Route path="policy-documents/:id" element={<RequireUser module="policyDocuments">{(user) => <PolicyDocumentPage user={user} />}</RequireUser>} />
          <Route path="policy-matches/:id" element={<RequireUser>{(user) => <EnterprisePoliciesPage user={user} />}</RequireUser>} />
          <Route
            path="my-policies"
            element={
              <RequireUser module="myPolicies">
                {(user) => (user.enterpriseId ? <EnterprisePoliciesPage user={user} enterpriseId={user.enterpriseId} /> : <NotFound />)}
              </RequireUser>
            }
          />
          <Route path="policy-calculator" element={<RequireUser>{() => <PolicyCalculatorPage />}</RequireUser>} />
          <Route path="self-check" element={<RequireUser module="selfCheck">{() => <SelfCheckPage />}</RequireUser>} />
          <Route path="service/dashboard" element={<RequireUser module="serviceDashboard">{() => <ServiceDashboardPage />}</RequireUser>} />
          <Route path="service/requests" element={<RequireUser module="serviceRequests">{(user) => <RequestListPage user={user} />}</RequireUser>} />
          <Route path="service/requests/new" element={<RequireUser module="serviceRequests">{(user) => <RequestCreatePage user={user} />}</RequireUser>} />
          <Route path="service/requests/:id" element={<RequireUser module="serviceRequests">{() => <RequestDetailPage />}</RequireUser>} />
          <Route path="service/queue" element={<RequireUser module="serviceQueue">{(user) => <DepartmentQueuePage user={user} />}</RequireUser>} />
          <Route path="service/liaisons" element={<RequireUser module="serviceLiaisons">{(user) => <LiaisonsPage user={user} />}</RequireUser>} />
          <Route path="service/settings" element={<RequireUser module="serviceSettings">{() => <ServiceSettingsPage />}</RequireUser>} />
          <Route path="inbox" element={<RequireUser module="policyInbox">{(user) => <InboxPage own={user.role === 'enterprise'} />}</RequireUser>} />
          <Route path="policy-applications" element={<RequireUser module="policyApplications">{() => <ApplicationListPage />}</RequireUser>} />
          <Route path="policy-applications/new" element={<RequireUser module="policyInbox">{(user) => (user.role === 'enterprise' ? <ApplicationFormPage /> : <Navigate to="/inbox" replace />)}</RequireUser>} />
          <Route path="policy-applications/:id" element={<RequireUser module="policyApplications">{() => <ApplicationDetailPage />}</RequireUser>} />
          <Route path="policy-delivery" element={<RequireUser module="policyDelivery">{(user) => <DeliveryStatsPage user={user} />}</RequireUser>} />
          <Route path="policy-delivery/exempt/:id" element={<RequireUser module="policyDelivery">{() => <ExemptListPage />}</RequireUser>} />
          <Route path="policy-delivery/grants" element={<RequireUser module="policyDelivery">{() => <GrantListPage />}</RequireUser>} />
          <Route path="audit" element={<RequireUser module="audit">{() => <AuditPage />}</RequireUser>} />
          <Route path="users" element={<RequireUser module="users">{(user) => <UsersPage user={user} />}</RequireUser>} />
          <Route path="users/login-events" element={<RequireUser module="users">{() => <LoginEventsPage />}</RequireUser>} />
          <Route path={CHANGE_PASSWORD_PATH.slice(1)} element={<RequireUser>{(user) => <ChangePasswordPage user={user} />}</RequireUser>} />
          <Route path="home" element={<RequireUser>{(user) => <Navigate to={homePathFor(user.role)} replace />}</RequireUser>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
