import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { Layout } from './components/layout.js';
import { applyStoredTheme } from './theme.js';
import { AccountPage } from './routes/account.js';
import { AdminPage } from './routes/admin.js';
import { AreasPage } from './routes/areas.js';
import { ResetPasswordPage, SignInPage, SignUpPage } from './routes/auth.js';
import { HomePage } from './routes/home.js';
import { AssessmentsPage } from './routes/assessments.js';
import { LabsPage } from './routes/labs.js';
import { LevelsPage } from './routes/levels.js';
import { NotFoundPage } from './routes/not-found.js';
import { QuestionPage } from './routes/question.js';
import { QuestionsPage } from './routes/questions.js';
import { StagesPage } from './routes/stages.js';
import './styles.css';

applyStoredTheme();

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: (count, error) => count < 2 && !('problem' in error) } },
});

const router = createBrowserRouter([
  {
    element: <Layout />,
    hydrateFallbackElement: <p className="status">Loading…</p>,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/areas', element: <AreasPage /> },
      { path: '/questions', element: <QuestionsPage /> },
      { path: '/questions/:id', element: <QuestionPage /> },
      { path: '/levels', element: <LevelsPage /> },
      { path: '/stages', element: <StagesPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/account', element: <AccountPage /> },
      // The charting library is large: pages with charts load on first visit.
      { path: '/plan', lazy: () => import('./routes/plan.js').then((m) => ({ Component: m.PlanPage })) },
      { path: '/drill', lazy: () => import('./routes/drill.js').then((m) => ({ Component: m.DrillPage })) },
      { path: '/progress', lazy: () => import('./routes/progress.js').then((m) => ({ Component: m.ProgressPage })) },
      { path: '/labs', element: <LabsPage /> },
      // The code editor is large too: lab pages load it on first visit.
      { path: '/labs/:slug', lazy: () => import('./routes/lab.js').then((m) => ({ Component: m.LabPage })) },
      { path: '/assessments', element: <AssessmentsPage /> },
      {
        path: '/assessments/:id',
        lazy: () => import('./routes/assessment.js').then((m) => ({ Component: m.AssessmentPage })),
      },
      { path: '/mocks', lazy: () => import('./routes/mocks.js').then((m) => ({ Component: m.MocksPage })) },
      { path: '/mocks/:id', lazy: () => import('./routes/mock.js').then((m) => ({ Component: m.MockPage })) },
      {
        path: '/interview/:token',
        lazy: () => import('./routes/interview.js').then((m) => ({ Component: m.InterviewPage })),
      },
      { path: '/admin', element: <AdminPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
