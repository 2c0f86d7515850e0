import { type QueryKey, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, type Params, RouterProvider } from 'react-router-dom';
import { api } from './api.js';
import { Layout } from './components/layout.js';
import { queryKeys } from './queries.js';
import { applyStoredTheme } from './theme.js';
import { AreasPage } from './routes/areas.js';
import { HomePage } from './routes/home.js';
import './styles.css';

applyStoredTheme();

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: (count, error) => count < 2 && !('problem' in error) } },
});

/**
 * Every page but home is its own chunk, loaded on first visit: the first load of `/` carries React,
 * the router and the shell only, and CodeMirror, the charts and the Markdown renderer come with the
 * pages that use them. `page(import)` names the module's export to use as the route's component.
 */
const page =
  <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  async () => ({ Component: (await load())[name] });

/**
 * Starts a page's main request while its chunk downloads (a route's loader runs beside its lazy
 * import), instead of after the chunk has run. The page's own useQuery, under the same key from
 * `queryKeys`, then finds it in flight.
 */
const prefetch =
  (key: (params: Params) => QueryKey, fetch: (params: Params) => Promise<unknown>) =>
  ({ params }: { params: Params }) => {
    void queryClient.prefetchQuery({ queryKey: key(params), queryFn: () => fetch(params) });
    return null;
  };

/** `prefetch` for a page about one item named by a route parameter (`/questions/:id`, `/labs/:slug`). */
const prefetchItem = (param: string, key: (value: string) => QueryKey, fetch: (value: string) => Promise<unknown>) =>
  prefetch(
    (p) => key(p[param] ?? ''),
    (p) => fetch(p[param] ?? ''),
  );

const router = createBrowserRouter([
  {
    element: <Layout />,
    hydrateFallbackElement: <p className="status">Loading…</p>,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/areas', element: <AreasPage /> },
      { path: '/questions', lazy: page(() => import('./routes/questions.js'), 'QuestionsPage') },
      {
        path: '/questions/:id',
        loader: prefetchItem('id', queryKeys.question, api.question),
        lazy: page(() => import('./routes/question.js'), 'QuestionPage'),
      },
      { path: '/levels', lazy: page(() => import('./routes/levels.js'), 'LevelsPage') },
      { path: '/stages', lazy: page(() => import('./routes/stages.js'), 'StagesPage') },
      { path: '/sign-in', lazy: page(() => import('./routes/auth.js'), 'SignInPage') },
      { path: '/sign-up', lazy: page(() => import('./routes/auth.js'), 'SignUpPage') },
      { path: '/reset-password', lazy: page(() => import('./routes/auth.js'), 'ResetPasswordPage') },
      { path: '/account', lazy: page(() => import('./routes/account.js'), 'AccountPage') },
      { path: '/plan', lazy: page(() => import('./routes/plan.js'), 'PlanPage') },
      { path: '/drill', lazy: page(() => import('./routes/drill.js'), 'DrillPage') },
      {
        path: '/progress',
        loader: prefetch(() => queryKeys.progress, api.progress),
        lazy: page(() => import('./routes/progress.js'), 'ProgressPage'),
      },
      { path: '/labs', lazy: page(() => import('./routes/labs.js'), 'LabsPage') },
      {
        path: '/labs/:slug',
        loader: prefetchItem('slug', queryKeys.lab, api.lab),
        lazy: page(() => import('./routes/lab.js'), 'LabPage'),
      },
      { path: '/assessments', lazy: page(() => import('./routes/assessments.js'), 'AssessmentsPage') },
      { path: '/assessments/:id', lazy: page(() => import('./routes/assessment.js'), 'AssessmentPage') },
      { path: '/mocks', lazy: page(() => import('./routes/mocks.js'), 'MocksPage') },
      { path: '/mocks/:id', lazy: page(() => import('./routes/mock.js'), 'MockPage') },
      { path: '/interview/:token', lazy: page(() => import('./routes/interview.js'), 'InterviewPage') },
      { path: '/admin', lazy: page(() => import('./routes/admin.js'), 'AdminPage') },
      { path: '*', lazy: page(() => import('./routes/not-found.js'), 'NotFoundPage') },
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
