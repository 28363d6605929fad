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
const OrganisationListPage = lazy(() => import('./organisations/OrganisationListPage.tsx'));
const UserListPage = lazy(() => import('./users/UserListPage.tsx'));
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
          { path: 'participants/:personId', element: <ParticipantPage /> },
          { path: 'organisations', element: <OrganisationListPage /> },
          { path: 'users', element: <UserListPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
