import { ErrorState, Loading } from '../../components/states';
import { useProfile } from '../../lib/session';
import { ApiTokensSection } from './api-tokens-section';
import { AppearanceSection } from './appearance-section';
import { DataSection } from './data-section';
import { NotificationsSection } from './notifications-section';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';
import { SessionsSection } from './sessions-section';
import { TwoFactorSection } from './two-factor-section';

/** Settings in three parts: the profile, the account's security, and its data. */
export function SettingsPage() {
  const profile = useProfile();
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} retry={() => void profile.refetch()} />;
  return (
    <div className="page narrow">
      <h1>Settings</h1>
      <nav aria-label="Settings sections" className="section-nav">
        <a href="#profile-title">Profile</a> · <a href="#appearance-title">Appearance</a> ·{' '}
        <a href="#notifications-title">Notifications</a> · <a href="#password-title">Security</a> ·{' '}
        <a href="#data-title">Data</a>
      </nav>
      <ProfileSection profile={profile.data} />
      <AppearanceSection />
      <NotificationsSection />
      <h2 className="section-heading">Security</h2>
      <PasswordSection profile={profile.data} />
      <TwoFactorSection />
      <SessionsSection />
      <ApiTokensSection />
      <h2 className="section-heading">Data</h2>
      <DataSection />
    </div>
  );
}
