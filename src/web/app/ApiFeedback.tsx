import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { NETWORK_ERROR, configureApiClient } from '../api/client.ts';
import { useForgetSession } from './auth.tsx';

/**
 * Connects the API client to the UI: errors become antd messages (server faults a
 * notification with the code to quote), and a 401 sends the user to /login.
 */
export function ApiFeedback() {
  const { message, notification } = App.useApp();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const forget = useForgetSession();

  useEffect(() => {
    configureApiClient({
      onError: (error) => {
        if (error.code === NETWORK_ERROR) {
          void message.error({ content: t('errors.network'), key: NETWORK_ERROR });
          return;
        }
        if (error.status >= 500) {
          notification.error({ title: t('errors.serverTitle'), description: `${error.message} (${error.code})`, key: error.code });
          return;
        }
        void message.error({ content: error.message, key: `${error.code}:${error.message}` });
      },
      onUnauthorized: () => {
        forget();
        if (location.pathname === '/login' || location.pathname.startsWith('/self-check/public')) return;
        const next = `${location.pathname}${location.search}`;
        navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
      },
    });
  }, [message, notification, t, navigate, location, forget]);

  return null;
}
