/** The console's top bar: who we are, for which region, in which role, and whether the core is reachable. */
import type { AppInfo, Profile } from '../../shared/api/contract.ts';
import type { ConnectionState } from '../api/connection.ts';
import { useConnectionState } from '../app/hooks.ts';
import { regionTitle } from '../app/labels.ts';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  desktop: 'Terhubung (aplikasi desktop)',
  connecting: 'Menghubungkan…',
  online: 'Terhubung',
  offline: 'Terputus — mencoba menyambung lagi…',
};

export type ConsoleView = 'wilayah' | 'status' | 'withheld' | 'import';

interface Props {
  info: AppInfo | undefined;
  view: ConsoleView;
  /** The operator's active profile; null when none is chosen, undefined for viewers or while loading. */
  profile: Profile | null | undefined;
  onLeaveProfile(): void;
}

export function Header({ info, view, profile, onLeaveProfile }: Props) {
  const connection = useConnectionState();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">Pleno</span>
        <span className="brand-tagline">Rekapitulasi Suara Pilkada</span>
        <nav className="view-tabs" aria-label="Layar konsol">
          <a href="#/" aria-current={view === 'wilayah' ? 'page' : undefined}>
            Wilayah &amp; TPS
          </a>
          <a href="#/status" aria-current={view === 'status' ? 'page' : undefined}>
            Papan status
          </a>
          <a href="#/withheld" aria-current={view === 'withheld' ? 'page' : undefined}>Ditahan</a>
          <a href="#/import" aria-current={view === 'import' ? 'page' : undefined}>Impor</a>
          <a href="#/pleno">Rapat pleno</a>
        </nav>
      </div>
      <div className="header-facts">
        <span className="header-region" data-testid="home-region">
          {info ? (info.homeRegion ? regionTitle(info.homeRegion) : 'Belum ada wilayah') : '…'}
        </span>
        {info?.demo && (
          <span className="badge badge--demo" title="Data demonstrasi: DPT dan nama paslon fiktif">
            DATA DEMO
          </span>
        )}
        {info && (
          <span className={`badge badge--role badge--${info.access}`} data-testid="role">
            {info.access === 'operator' ? 'Operator' : 'Penonton'}
          </span>
        )}
        {profile && (
          <span className="header-profile" data-testid="profile">
            <span className="header-profile-label">{profile.label}</span>
            <button type="button" className="header-profile-leave" onClick={onLeaveProfile} title="Keluar dari profil ini dan pilih yang lain">
              Ganti profil
            </button>
          </span>
        )}
        <span className={`connection connection--${connection}`} role="status" data-testid="connection">
          <span className="connection-dot" aria-hidden="true" />
          {CONNECTION_LABEL[connection]}
        </span>
      </div>
    </header>
  );
}
