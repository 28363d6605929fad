import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { PageLoader } from './components/QueryState.tsx';
import { RouteError } from './components/RouteError.tsx';

// Every page is its own chunk: the first load carries only the shell.
const LoginPage = lazy(() => import('./auth/LoginPage.tsx'));
const AcceptInvitePage = lazy(() => import('./auth/AcceptInvitePage.tsx'));
const ProgrammeListPage = lazy(() => import('./programmes/ProgrammeListPage.tsx'));
const ProgrammeCreatePage = lazy(() => import('./programmes/ProgrammeCreatePage.tsx'));
const ProgrammeDetailPage = lazy(() => import('./programmes/ProgrammeDetailPage.tsx'));
const ParticipantPage = lazy(() => import('./participants/ParticipantPage.tsx'));
const SessionPage = lazy(() => import('./sessions/SessionPage.tsx'));
const CheckInCodesPage = lazy(() => import('./sessions/CheckInCodesPage.tsx'));
const RsvpPage = lazy(() => import('./rsvp/RsvpPage.tsx'));
const VerifyPage = lazy(() => import('./public/VerifyPage.tsx'));
const PublicResultsPage = lazy(() => import('./public/PublicResultsPage.tsx'));
const RegisterPage = lazy(() => import('./public/RegisterPage.tsx'));
const ParticipantHomePage = lazy(() => import('./public/ParticipantHomePage.tsx'));
const OutcomeSurveyPage = lazy(() => import('./public/OutcomeSurveyPage.tsx'));
const MyDataPage = lazy(() => import('./public/MyDataPage.tsx'));
const ReferralPosterPage = lazy(() => import('./programmes/champions/ReferralPosterPage.tsx'));
const OrganisationListPage = lazy(() => import('./organisations/OrganisationListPage.tsx'));
const UserListPage = lazy(() => import('./users/UserListPage.tsx'));
const AuditPage = lazy(() => import('./audit/AuditPage.tsx'));
const NationalPage = lazy(() => import('./national/NationalPage.tsx'));
const NotFoundPage = lazy(() => import('./components/NotFoundPage.tsx'));

function SignedOutFrame() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <SignedOutFrame />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/invite', element: <AcceptInvitePage /> },
          // Public: a participant's invitation link, `/rsvp#<token>`.
          { path: '/rsvp', element: <RsvpPage /> },
          // Public: a certificate's verification page (the code is in its QR), `/verify/<code>`.
          { path: '/verify/:code?', element: <VerifyPage /> },
          // Public: a programme's published results (opt-in by its manager), `/hasil/<code>`.
          { path: '/hasil/:code', element: <PublicResultsPage /> },
          // Public: self-registration through a champion's referral link, `/daftar#<token>`.
          { path: '/daftar', element: <RegisterPage /> },
          // Public: a participant's own page (tests, feedback, self-assessment, certificate), `/peserta#<token>`.
          { path: '/peserta', element: <ParticipantHomePage /> },
          // Public: an MSME's economic outcome survey, `/survei#<token>` (a personal, expiring link).
          { path: '/survei', element: <OutcomeSurveyPage /> },
          // Public: a participant's own data (UU PDP) after a one-time code to their phone or email, `/data-saya`.
          { path: '/data-saya', element: <MyDataPage /> },
        ],
      },
      {
        path: '/',
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/programs" replace /> },
          { path: 'programs', element: <ProgrammeListPage /> },
          { path: 'programs/new', element: <ProgrammeCreatePage /> },
          { path: 'programs/:id/:tab?', element: <ProgrammeDetailPage /> },
          { path: 'programs/:id/import/:importId', element: <ProgrammeDetailPage /> },
          { path: 'programs/:id/campaigns/:campaignId', element: <ProgrammeDetailPage /> },
          { path: 'programs/:id/champions/:championId/poster', element: <ReferralPosterPage /> },
          { path: 'sessions/:id', element: <SessionPage /> },
          { path: 'sessions/:id/codes', element: <CheckInCodesPage /> },
          { path: 'participants/:personId', element: <ParticipantPage /> },
          { path: 'organisations', element: <OrganisationListPage /> },
          { path: 'users', element: <UserListPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'national', element: <NationalPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
