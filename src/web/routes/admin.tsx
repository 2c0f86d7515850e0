import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router-dom';
import { api } from '../api.js';
import { AiSwitchSection } from '../components/ai-settings.js';
import { ErrorMessage, Loading, QueryView } from '../components/status.js';
import { useSession } from '../session.js';
import { queryKeys } from '../queries.js';

/** Admins: people and their roles, and the audit log of security events. */
export function AdminPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const isAdmin = session.data?.user?.role === 'admin';
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: api.adminUsers, enabled: isAdmin });
  const audit = useQuery({ queryKey: queryKeys.adminAudit, queryFn: api.auditEvents, enabled: isAdmin });
  const reports = useQuery({ queryKey: queryKeys.adminReports, queryFn: api.reports, enabled: isAdmin });
  const setRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: 'user' | 'admin' }) => api.setRole(id, role),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers }),
  });
  if (session.isPending) return <Loading />;
  if (!isAdmin) return <Navigate to="/" replace />;
  return (
    <div className="page">
      <h1>Admin</h1>
      <AiSwitchSection />
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        {setRole.isError ? <ErrorMessage error={setRole.error} /> : null}
        <QueryView query={users}>
          {(data) => (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                {data.map((user) => (
                  <tr key={user.id}>
                    <td>{user.displayName}</td>
                    <td>{user.email ?? 'local profile'}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        Role of {user.displayName}
                      </label>
                      <select
                        id={`role-${user.id}`}
                        value={user.role}
                        onChange={(e) =>
                          setRole.mutate({ id: user.id, role: e.target.value === 'admin' ? 'admin' : 'user' })
                        }
                      >
                        <option value="user">user</option>
                        <option value="admin">admin</option>
                      </select>
                    </td>
                    <td>{new Date(user.createdAt).toLocaleDateString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports on questions</h2>
        <QueryView query={reports}>
          {(data) =>
            data.length === 0 ? (
              <p className="muted">No reports.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Question</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Message</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((report) => (
                    <tr key={report.id}>
                      <td>{new Date(report.createdAt).toLocaleString()}</td>
                      <td>
                        <Link to={`/questions/${report.questionId}`}>{report.questionId}</Link>
                      </td>
                      <td>{report.kind}</td>
                      <td>{report.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <QueryView query={audit}>
          {(data) => (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">IP</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {data.map((event) => (
                  <tr key={event.id}>
                    <td>{new Date(event.at).toLocaleString()}</td>
                    <td>{event.event}</td>
                    <td>{event.ip}</td>
                    <td>
                      <code>{JSON.stringify(event.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
    </div>
  );
}
