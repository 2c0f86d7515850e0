import { type RefObject, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.js';
import { useKeyboardShortcuts } from '../hooks.js';
import { useSession } from '../session.js';
import { currentTheme, setTheme, type Theme } from '../theme.js';

/** The app shell: skip link, header with navigation and search, theme switch, and the page. */
export function Layout() {
  const [theme, setThemeState] = useState<Theme>(currentTheme);
  const location = useLocation();
  // The menu belongs to the page it was opened on, so navigating closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;
  const searchRef = useRef<HTMLInputElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  const navigate = useNavigate();
  useHeaderHeight(headerRef);

  useKeyboardShortcuts((event, typing) => {
    if (event.key === '/' && !typing) {
      event.preventDefault();
      searchRef.current?.focus();
    }
  });

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    setThemeState(next);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header" ref={headerRef}>
        <div className="header-inner">
          <Link to="/" className="brand" aria-label="Onsite home">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>{' '}
            Onsite
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpenOn(menuOpen ? null : location.pathname)}
          >
            Menu
          </button>
          <nav id="site-nav" className={menuOpen ? 'site-nav open' : 'site-nav'} aria-label="Main">
            <NavLink to="/drill">Drill</NavLink>
            <NavLink to="/labs">Labs</NavLink>
            <NavLink to="/mocks">Mock interviews</NavLink>
            <NavLink to="/progress">Progress</NavLink>
            <NavLink to="/questions">Questions</NavLink>
            <NavLink to="/plan">Plan</NavLink>
            <NavLink to="/levels">Levels</NavLink>
            <NavLink to="/stages">Stages</NavLink>
            <a href="/docs">API</a>
            <AccountLinks />
          </nav>
          <form
            role="search"
            className="header-search"
            onSubmit={(event) => {
              event.preventDefault();
              const q = new FormData(event.currentTarget).get('q')?.toString().trim();
              navigate(q ? `/questions?q=${encodeURIComponent(q)}` : '/questions');
            }}
          >
            <label htmlFor="header-q" className="visually-hidden">
              Search questions
            </label>
            <input
              ref={searchRef}
              id="header-q"
              name="q"
              type="search"
              placeholder="Search questions  ( / )"
              autoComplete="off"
            />
          </form>
          <button
            type="button"
            className="theme-toggle"
            onClick={toggleTheme}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Onsite — practise the whole backend interview loop. <a href="/docs">REST API</a> ·{' '}
          <a href="/openapi.json">OpenAPI</a>
        </p>
      </footer>
    </>
  );
}

/**
 * Publishes the sticky header's height as `--header-height`, so what sticks below it (the timed
 * assessment bar, a lab's brief) sits under it at every width, however the header wraps.
 */
function useHeaderHeight(header: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = header.current;
    if (!element) return;
    const publish = () =>
      document.documentElement.style.setProperty('--header-height', `${element.getBoundingClientRect().height}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    return () => observer.disconnect();
  }, [header]);
}

function AccountLinks() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: api.signOut,
    onSuccess: async () => {
      queryClient.clear();
      navigate('/sign-in');
    },
  });
  const user = session.data?.user;
  if (!session.data) return null;
  if (!user) return <NavLink to="/sign-in">Sign in</NavLink>;
  return (
    <>
      {user.role === 'admin' && !user.isLocal ? <NavLink to="/admin">Admin</NavLink> : null}
      <NavLink to="/account">Account</NavLink>
      {user.isLocal && !user.hasPassword ? null : (
        <button type="button" className="nav-button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      )}
    </>
  );
}
